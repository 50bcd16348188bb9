// The unit test runner (doctest). Tests mirror src/: tests/unit/<stage>/*_test.cpp.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
