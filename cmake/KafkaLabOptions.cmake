# One INTERFACE target carries the language standard, the warning set and Qt's safety
# defines. Every first-party target links it, so a flag changes in one place.
add_library(kafkalab_options INTERFACE)
add_library(KafkaLab::options ALIAS kafkalab_options)

target_compile_features(kafkalab_options INTERFACE cxx_std_20)
target_compile_options(kafkalab_options INTERFACE
    -Wall -Wextra -pedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wdouble-promotion -Wformat=2)
# Not -Wnull-dereference: GCC 12 reports false positives from inlined standard containers at -O2.
if(KAFKALAB_WERROR)
    target_compile_options(kafkalab_options INTERFACE -Werror)
endif()

# Qt's defines that turn silent conversions and context-less connects into compile errors.
target_compile_definitions(kafkalab_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    KAFKALAB_VERSION="${PROJECT_VERSION}")

if(KAFKALAB_SANITIZE)
    target_compile_options(kafkalab_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(kafkalab_options INTERFACE -fsanitize=address,undefined)
endif()

# kafkalab_add_test(NAME SOURCES a.cpp [b.cpp] LIBS lib... [GUI])
# One Qt Test executable per area, registered with CTest. Tests find their data through
# KAFKALAB_SOURCE_DIR rather than the working directory.
function(kafkalab_add_test name)
    cmake_parse_arguments(ARG "GUI" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE kafkalab_options Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE
        KAFKALAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        KAFKALAB_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    if(ARG_GUI)
        set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
    endif()
endfunction()
