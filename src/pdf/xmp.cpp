#include "pdf/xmp.hpp"

#include <utility>
#include <vector>

#include "base/xml_escape.hpp"

namespace yoshiki::pdf {

const char* const yoshiki_namespace = "urn:yoshiki:xmp:archive:1.0/";

namespace {

struct SchemaProperty {
    const char* name;
    const char* value_type;
    const char* description;
};

// One schema of pdfaExtension:schemas (ISO 19005-3, 6.6.2.3.2): its namespace, its prefix and
// each property with its type.
std::string extension_schema(const char* schema, const char* uri, const char* prefix,
                             const std::vector<SchemaProperty>& properties) {
    std::string x = "<rdf:li rdf:parseType=\"Resource\">\n";
    x += std::string("<pdfaSchema:schema>") + schema + "</pdfaSchema:schema>\n";
    x += std::string("<pdfaSchema:namespaceURI>") + uri + "</pdfaSchema:namespaceURI>\n";
    x += std::string("<pdfaSchema:prefix>") + prefix + "</pdfaSchema:prefix>\n";
    x += "<pdfaSchema:property><rdf:Seq>\n";
    for (const SchemaProperty& p : properties) {
        x += "<rdf:li rdf:parseType=\"Resource\">";
        x += std::string("<pdfaProperty:name>") + p.name + "</pdfaProperty:name>";
        x += std::string("<pdfaProperty:valueType>") + p.value_type + "</pdfaProperty:valueType>";
        x += "<pdfaProperty:category>internal</pdfaProperty:category>";
        x += std::string("<pdfaProperty:description>") + p.description + "</pdfaProperty:description>";
        x += "</rdf:li>\n";
    }
    x += "</rdf:Seq></pdfaSchema:property>\n</rdf:li>\n";
    return x;
}

// The extension schemas of a PDF/A document: yoshiki's properties, and PDF/UA's identification,
// which is not among the schemas PDF/A-3 predefines either.
std::string extension_schemas(const XmpFields& f) {
    std::string x =
        "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
        "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
        "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "<pdfaExtension:schemas><rdf:Bag>\n";
    x += extension_schema("yoshiki archive properties", yoshiki_namespace, "yoshiki",
                          {{"fiscalYear", "Text", "The fiscal year of the sheets, as printed"},
                           {"department", "Text", "The department whose sheets these are"},
                           {"sourceSHA256", "Text", "SHA-256 of the input file embedded as the source"}});
    if (f.pdfua) {
        x += extension_schema("PDF/UA identification schema", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid",
                              {{"part", "Integer", "The part of ISO 14289 (PDF/UA) the document conforms to"}});
    }
    x += "</rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n";
    return x;
}

}  // namespace

std::string xmp_packet(const XmpFields& f) {
    // Properties the Info dictionary also has are written only when it has them: PDF/A (6.6.3)
    // wants the two to agree, and an empty dc:creator would disagree with an absent /Author.
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
    if (f.pdfua) x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    if (f.pdfa) x += " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    bool own = f.pdfa && (!f.fiscal_year.empty() || !f.department.empty() || !f.source_sha256.empty());
    if (own) x += std::string(" xmlns:yoshiki=\"") + yoshiki_namespace + "\"";
    x += ">\n<dc:format>application/pdf</dc:format>\n";
    if (!f.title.empty()) {
        x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + base::xml_escape(f.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    }
    if (!f.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + base::xml_escape(f.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!f.subject.empty()) {
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + base::xml_escape(f.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    }
    if (!f.lang.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + base::xml_escape(f.lang) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!f.keywords.empty()) x += "<pdf:Keywords>" + base::xml_escape(f.keywords) + "</pdf:Keywords>\n";
    x += "<pdf:Producer>" + base::xml_escape(f.producer) + "</pdf:Producer>\n";
    x += "<xmp:CreatorTool>" + base::xml_escape(f.creator_tool) + "</xmp:CreatorTool>\n";
    x += "<xmp:CreateDate>" + f.create_date + "</xmp:CreateDate>\n";
    if (!f.label.empty()) x += "<xmp:Label>" + base::xml_escape(f.label) + "</xmp:Label>\n";
    if (f.pdfua) x += "<pdfuaid:part>1</pdfuaid:part>\n";
    if (f.pdfa) {
        x += "<pdfaid:part>3</pdfaid:part>\n";
        x += std::string("<pdfaid:conformance>") + f.pdfa + "</pdfaid:conformance>\n";
    }
    if (own) {
        const std::pair<const char*, const std::string*> props[] = {
            {"fiscalYear", &f.fiscal_year}, {"department", &f.department}, {"sourceSHA256", &f.source_sha256}};
        for (const auto& [name, value] : props) {
            if (!value->empty()) x += std::string("<yoshiki:") + name + ">" + base::xml_escape(*value) + "</yoshiki:" + name + ">\n";
        }
    }
    x += "</rdf:Description>\n";
    if (f.pdfa) x += extension_schemas(f);
    x += "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

}  // namespace yoshiki::pdf
