# What `cmake --install build --prefix P` puts where, and the Debian package CPack makes of it:
#   P/bin/yoshiki                                 the command (the engine linked in statically)
#   P/share/yoshiki/layouts/                      the layouts
#   P/share/man/man1/yoshiki.1.gz                 the man page, written from `yoshiki --help`
#   P/share/doc/yoshiki/                          README.md and docs/
#   P/share/bash-completion/completions/yoshiki   bash completion
#   P/include/yoshiki/                            the public API, and nothing of src/
#   P/LIBDIR/libyoshiki.a, libyoshiki.so.*        the engine for other programs
#   P/LIBDIR/cmake/yoshiki/                       find_package(yoshiki): yoshiki::yoshiki
#   P/LIBDIR/pkgconfig/yoshiki.pc                 pkg-config --cflags --libs yoshiki
include(CMakePackageConfigHelpers)

# The man page is the help text of the program just built (tools/man-page).
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/yoshiki.1.gz
                   COMMAND bash ${CMAKE_SOURCE_DIR}/tools/man-page $<TARGET_FILE:yoshiki> ${CMAKE_BINARY_DIR}/yoshiki.1.gz
                   DEPENDS yoshiki ${CMAKE_SOURCE_DIR}/tools/man-page
                   COMMENT "Writing the man page yoshiki.1 from yoshiki --help" VERBATIM)
add_custom_target(yoshiki_man ALL DEPENDS ${CMAKE_BINARY_DIR}/yoshiki.1.gz)

install(TARGETS yoshiki RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The programs yoshiki runs for sign, verify, archive, extract and serve (src/cli/main.cpp).
install(TARGETS yoshiki-sign yoshiki-serve RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/yoshiki)
install(DIRECTORY layouts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/yoshiki/layouts)
install(FILES ${CMAKE_BINARY_DIR}/yoshiki.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES completions/yoshiki.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME yoshiki)
install(DIRECTORY include/yoshiki DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# The libraries, each with its own export set: a program that links libyoshiki.so needs nothing
# else, one that links libyoshiki.a needs the -dev packages of the engine's libraries, so
# yoshikiConfig.cmake loads the static target only when it finds them.
set(YOSHIKI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/yoshiki)
install(TARGETS yoshiki_shared EXPORT yoshiki-shared-targets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS yoshiki_static EXPORT yoshiki-static-targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT yoshiki-shared-targets NAMESPACE yoshiki:: DESTINATION ${YOSHIKI_CMAKE_DIR})
install(EXPORT yoshiki-static-targets NAMESPACE yoshiki:: DESTINATION ${YOSHIKI_CMAKE_DIR})
configure_package_config_file(cmake/yoshikiConfig.cmake.in ${CMAKE_BINARY_DIR}/yoshikiConfig.cmake
                              INSTALL_DESTINATION ${YOSHIKI_CMAKE_DIR})
# 0.x: a minor release may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/yoshikiConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/yoshikiConfig.cmake ${CMAKE_BINARY_DIR}/yoshikiConfigVersion.cmake
              cmake/yoshikiDependencies.cmake
        DESTINATION ${YOSHIKI_CMAKE_DIR})

# yoshiki.pc names the prefix it is installed under, which is known only when installing
# (`--prefix`, CPack's /usr): it is written then, straight into its place.
install(CODE "
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(pc \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig/yoshiki.pc\")
  message(STATUS \"Installing: \${pc}\")
  configure_file(\"${CMAKE_SOURCE_DIR}/cmake/yoshiki.pc.in\" \"\${pc}\" @ONLY)
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${pc}\")
")

include(cmake/package.cmake)
