# The libraries yoshiki's engine is built on, found the same way by yoshiki's own build and by a
# program that links the installed static library (yoshikiConfig.cmake includes this file, which
# is installed beside it). Nothing here is required: the caller decides what a missing one means.
#
# Sets yoshiki_dependencies to the imported targets found, and yoshiki_dependencies_missing to
# the names of those that are not (empty when all are there), and yoshiki_dependencies_missing_text
# to the same, comma-separated, for a message. The targets:
#   PkgConfig::yoshiki_harfbuzz   HarfBuzz with hb-subset (text)
#   PkgConfig::yoshiki_freetype   FreeType (text)
#   PkgConfig::yoshiki_icu        ICU's common library, for line breaking (text)
#   pugixml::pugixml              pugixml (parse)
#   yoshiki::hpdf                 libharu, which installs no pkg-config or CMake file (write)
#   ZLIB::ZLIB                    zlib (write)
#   PkgConfig::yoshiki_nettle     Nettle: SHA-256 and MD5 (io)
#   PkgConfig::yoshiki_crypto     OpenSSL's libcrypto: every piece of the signatures' cryptography (sign)
#   PkgConfig::yoshiki_qpdf       QPDF, which reads the PDFs that are signed, verified and archived (read)
#   PkgConfig::yoshiki_httplib    cpp-httplib, the HTTP client of timestamp authorities (sign)
# The pkg-config prefixes carry yoshiki's name so that they cannot replace a program's own.
set(yoshiki_dependencies "")
set(yoshiki_dependencies_missing "")

find_package(PkgConfig QUIET)
foreach(dep IN ITEMS "harfbuzz;harfbuzz harfbuzz-subset" "freetype;freetype2" "icu;icu-uc" "nettle;nettle" "crypto;libcrypto" "qpdf;libqpdf"
                     "httplib;cpp-httplib")
  list(GET dep 0 name)
  list(GET dep 1 module_names)
  separate_arguments(modules UNIX_COMMAND "${module_names}")
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(yoshiki_${name} QUIET IMPORTED_TARGET ${modules})
  endif()
  if(TARGET PkgConfig::yoshiki_${name})
    list(APPEND yoshiki_dependencies PkgConfig::yoshiki_${name})
  else()
    list(APPEND yoshiki_dependencies_missing "${module_names} (pkg-config)")
  endif()
endforeach()

find_package(pugixml QUIET CONFIG)
if(TARGET pugixml::pugixml)
  list(APPEND yoshiki_dependencies pugixml::pugixml)
else()
  list(APPEND yoshiki_dependencies_missing pugixml)
endif()

find_library(HPDF_LIBRARY NAMES hpdf)
find_path(HPDF_INCLUDE_DIR hpdf.h)
if(HPDF_LIBRARY AND HPDF_INCLUDE_DIR)
  if(NOT TARGET yoshiki::hpdf)
    add_library(yoshiki::hpdf UNKNOWN IMPORTED)
    set_target_properties(yoshiki::hpdf PROPERTIES IMPORTED_LOCATION "${HPDF_LIBRARY}"
                                                   INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}")
  endif()
  list(APPEND yoshiki_dependencies yoshiki::hpdf)
else()
  list(APPEND yoshiki_dependencies_missing "libharu (hpdf)")
endif()

find_package(ZLIB QUIET)
if(TARGET ZLIB::ZLIB)
  list(APPEND yoshiki_dependencies ZLIB::ZLIB)
else()
  list(APPEND yoshiki_dependencies_missing zlib)
endif()

list(JOIN yoshiki_dependencies_missing ", " yoshiki_dependencies_missing_text)
