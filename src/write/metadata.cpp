#include "write/metadata.hpp"

namespace yoshiki::write {

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string xmp_packet(const XmpFields& f) {
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
    if (f.pdfua) x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    x += ">\n<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(f.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
    if (!f.lang.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(f.lang) + "</rdf:li></rdf:Bag></dc:language>\n";
    x += "<pdf:Keywords>" + xml_escape(f.keywords) + "</pdf:Keywords>\n";
    x += "<pdf:Producer>" + xml_escape(f.producer) + "</pdf:Producer>\n";
    x += "<xmp:CreatorTool>" + xml_escape(f.creator_tool) + "</xmp:CreatorTool>\n";
    x += "<xmp:CreateDate>" + f.create_date + "</xmp:CreateDate>\n";
    if (f.pdfua) x += "<pdfuaid:part>1</pdfuaid:part>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

}  // namespace yoshiki::write
