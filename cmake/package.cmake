# The Debian package: `cpack --config build/CPackConfig.cmake` writes yoshiki_VERSION_amd64.deb
# from the install rules (cmake/install.cmake), for /usr.
set(YOSHIKI_MAINTAINER "yoshiki maintainers <maintainers@users.noreply.b-seed-0ebbc954.example>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME yoshiki)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${YOSHIKI_MAINTAINER}")
# Installed under DESTDIR with the real prefix, so that what is written at install time (yoshiki.pc)
# names /usr and not the staging folder.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_YOSHIKI_STRIP "${CMAKE_STRIP}")
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/strip-archives.cmake)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "official Japanese forms (様式) from XML data to PDF")
# CPack puts the summary on the first line, before this long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "yoshiki renders the goal-setting sheets (目標設定書) a town's departments write every
year, from an XML file of data to the official PDF form: Japanese text shaped with
HarfBuzz and broken into lines by Japanese rules (禁則処理, JLREQ), set in the ruled
table of the form, with the IPAex fonts embedded as subsets and text that copies back
exactly. Bad input is an error with file:line:column.
.
The package holds the yoshiki command, the layouts, bash completion, and the engine
as a library (libyoshiki.so and libyoshiki.a, <yoshiki/yoshiki.hpp>, a CMake package
and a pkg-config file) for programs that embed it.")
# The libraries come from dpkg-shlibdeps; the layouts name the fonts' files.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-ipaexfont, fonts-ipamj-mincho")
# `yoshiki batch --print` hands the print document to lp.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cups-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
# A shlibs file for programs packaged against libyoshiki, and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
include(CPack)
