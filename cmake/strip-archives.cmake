# Run by CPack after its staging install, before it packs (CPACK_PRE_BUILD_SCRIPTS): takes the
# debug information, and the build's paths with it, out of the static library, as dh_strip does
# for Debian's -dev packages. CPACK_STRIP_FILES strips only the program and the shared library.
file(GLOB_RECURSE archives "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.a")
foreach(archive IN LISTS archives)
  execute_process(COMMAND "${CPACK_YOSHIKI_STRIP}" --strip-debug --enable-deterministic-archives "${archive}"
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cannot strip ${archive}")
  endif()
endforeach()
