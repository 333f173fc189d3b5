# Installation layout and CPack packages (issue 6). Included from the top-level CMakeLists.txt
# after every subdirectory, so the targets exist.
#
#   Linux     cpack -G DEB         a Debian 12 package depending on Debian's Qt 6 and libraries
#             cpack -G TGZ         the same files in a tarball (it needs the same libraries)
#   Windows   cpack -G NSIS        an installer with a start-menu shortcut (untested)
#   macOS     cpack -G DragNDrop   a disk image with the app bundle (untested)
#
# installers/README.md says how to build each and what was verified where.
# kafkalab and kafkalab-cli are installed by app/CMakeLists.txt; this file adds what a desktop
# expects around them: a desktop entry, AppStream metadata, icons and manual pages. Questions and
# lessons are compiled into the executables, so nothing else from the source tree is installed.

include(GNUInstallDirs)

set(KAFKALAB_APP_ID "io.github.kafkalab.KafkaLab")
set(KAFKALAB_PACKAGE_MAINTAINER "Kafka Lab maintainers <maintainers@kafkalab.invalid>"
    CACHE STRING "The Maintainer of the Debian package (\"Name <email>\")")
set(kafkalab_icon_svg "${PROJECT_SOURCE_DIR}/resources/icons/kafkalab.svg")
set(kafkalab_gen_dir "${PROJECT_BINARY_DIR}/installers")

# --- Icons ----------------------------------------------------------------------------------
# kafkalab-rendericon renders the SVG icon with QSvgRenderer at build time: PNGs for the hicolor
# theme (and the macOS iconset), so the sources hold one drawing and no build needs another tool.
if(KAFKALAB_BUILD_APP)
    add_executable(kafkalab-rendericon installers/tools/rendericon.cpp)
    target_link_libraries(kafkalab-rendericon PRIVATE kafkalab_options Qt6::Gui Qt6::Svg)
    set_target_properties(kafkalab-rendericon PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)

    set(KAFKALAB_ICON_SIZES 16 32 48 64 128 256)
    set(kafkalab_icon_pngs)
    foreach(size IN LISTS KAFKALAB_ICON_SIZES)
        set(png "${kafkalab_gen_dir}/icons/hicolor/${size}x${size}/apps/${KAFKALAB_APP_ID}.png")
        add_custom_command(OUTPUT "${png}"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${kafkalab_gen_dir}/icons/hicolor/${size}x${size}/apps"
            COMMAND kafkalab-rendericon "${kafkalab_icon_svg}" "${png}" ${size}
            DEPENDS kafkalab-rendericon "${kafkalab_icon_svg}"
            COMMENT "Rendering the ${size}x${size} icon"
            VERBATIM)
        list(APPEND kafkalab_icon_pngs "${png}")
    endforeach()
    add_custom_target(kafkalab_icons ALL DEPENDS ${kafkalab_icon_pngs})
endif()

# --- Manual pages ---------------------------------------------------------------------------
# Hand-written roff with the version filled in, gzipped with -n (no name or time stamp in the
# header) as Debian wants them and so that two builds give the same bytes.
if(UNIX)
    find_program(KAFKALAB_GZIP gzip)
    set(kafkalab_man_pages kafkalab-cli.1)
    if(KAFKALAB_BUILD_APP)
        list(APPEND kafkalab_man_pages kafkalab.1)
    endif()
    set(kafkalab_man_outputs)
    foreach(page IN LISTS kafkalab_man_pages)
        configure_file("${PROJECT_SOURCE_DIR}/installers/man/${page}.in" "${kafkalab_gen_dir}/${page}" @ONLY)
        if(KAFKALAB_GZIP)
            add_custom_command(OUTPUT "${kafkalab_gen_dir}/man/${page}.gz"
                COMMAND ${CMAKE_COMMAND} -E make_directory "${kafkalab_gen_dir}/man"
                COMMAND ${CMAKE_COMMAND} -E copy "${kafkalab_gen_dir}/${page}" "${kafkalab_gen_dir}/man/${page}"
                COMMAND "${KAFKALAB_GZIP}" -9 -n -f "${kafkalab_gen_dir}/man/${page}"
                DEPENDS "${kafkalab_gen_dir}/${page}"
                COMMENT "Compressing the manual page ${page}"
                VERBATIM)
            list(APPEND kafkalab_man_outputs "${kafkalab_gen_dir}/man/${page}.gz")
        else()
            list(APPEND kafkalab_man_outputs "${kafkalab_gen_dir}/${page}")
        endif()
    endforeach()
    add_custom_target(kafkalab_man_pages ALL DEPENDS ${kafkalab_man_outputs})
    install(FILES ${kafkalab_man_outputs} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()

# --- Desktop integration (Linux and other freedesktop systems) -------------------------------
if(UNIX AND NOT APPLE)
    if(KAFKALAB_BUILD_APP)
        install(FILES "${PROJECT_SOURCE_DIR}/resources/${KAFKALAB_APP_ID}.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
        install(FILES "${PROJECT_SOURCE_DIR}/resources/${KAFKALAB_APP_ID}.metainfo.xml"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
        install(FILES "${kafkalab_icon_svg}"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
            RENAME "${KAFKALAB_APP_ID}.svg")
        install(DIRECTORY "${kafkalab_gen_dir}/icons/hicolor/"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor"
            FILES_MATCHING PATTERN "*.png")
    endif()
    # qt_standard_project_setup() gives installed executables the RUNPATH $ORIGIN:$ORIGIN/../lib
    # for libraries installed next to them. Kafka Lab installs none (its own libraries are static),
    # and Debian does not want a search path in /usr/bin (lintian: custom-library-search-path).
    foreach(exe kafkalab kafkalab-cli)
        if(TARGET ${exe})
            set_target_properties(${exe} PROPERTIES INSTALL_RPATH "")
        endif()
    endforeach()
    # Debian policy: every package has /usr/share/doc/PACKAGE/copyright, and a native package
    # (a version without a Debian revision) its changelog.gz. A new version gets an entry at the
    # top of installers/debian/changelog.in; the package test checks it.
    configure_file("${PROJECT_SOURCE_DIR}/installers/debian/changelog.in" "${kafkalab_gen_dir}/changelog" @ONLY)
    set(kafkalab_changelog "${kafkalab_gen_dir}/changelog")
    if(KAFKALAB_GZIP)
        add_custom_command(OUTPUT "${kafkalab_gen_dir}/doc/changelog.gz"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${kafkalab_gen_dir}/doc"
            COMMAND ${CMAKE_COMMAND} -E copy "${kafkalab_gen_dir}/changelog" "${kafkalab_gen_dir}/doc/changelog"
            COMMAND "${KAFKALAB_GZIP}" -9 -n -f "${kafkalab_gen_dir}/doc/changelog"
            DEPENDS "${kafkalab_gen_dir}/changelog"
            VERBATIM)
        add_custom_target(kafkalab_changelog ALL DEPENDS "${kafkalab_gen_dir}/doc/changelog.gz")
        set(kafkalab_changelog "${kafkalab_gen_dir}/doc/changelog.gz")
    endif()
    install(FILES "${PROJECT_SOURCE_DIR}/installers/debian/copyright" "${kafkalab_changelog}"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/kafkalab")
endif()

# --- What every package says about itself ----------------------------------------------------
set(CPACK_PACKAGE_NAME "KafkaLab")
set(CPACK_PACKAGE_VENDOR "The Kafka Lab contributors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# The summary and the lines of the description stay under 80 columns (Debian's limit).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Learn Apache Kafka with a live mini broker, visualizers and quizzes")
set(CPACK_PACKAGE_DESCRIPTION
    "Kafka Lab teaches Apache Kafka well enough to pass a senior interview, and
helps to teach it. It runs a deterministic simulation of a Kafka cluster with
Kafka's semantics (replication with the ISR and high watermark, acks,
idempotent and transactional producers, consumer groups and their rebalances)
and shows it: a playground, narrated lessons, a question bank with spaced
repetition and timed mock interviews, and a presenter mode for classrooms.
kafkalab-cli runs scenarios, lessons, quizzes and benchmarks in a terminal.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "${KAFKALAB_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Kafka Lab")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# RelWithDebInfo carries debug information; packages ship stripped executables.
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)

# cpack --config CPackSourceConfig.cmake: a source tarball without build trees or Git data.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "kafkalab-${PROJECT_VERSION}")
# (Regular expressions, written once-escaped because of CPACK_VERBATIM_VARIABLES.)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/out/" "/cmake-build-[^/]*/" "/\\.cache/" "\\.user$")

# --- Debian -----------------------------------------------------------------------------------
set(CPACK_DEBIAN_PACKAGE_NAME "kafkalab")
set(CPACK_DEBIAN_PACKAGE_SECTION "education")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KAFKALAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debian 12's names. dpkg-shlibdeps reads the libraries the executables link and writes their
# packages with the versions this build needs; it cannot see the plugins Qt loads at run time, so
# those are named by hand. Without dpkg-shlibdeps (no dpkg-dev) the whole list is given by hand.
find_program(KAFKALAB_DPKG_SHLIBDEPS dpkg-shlibdeps)
# Loaded at run time: Qt Sql's SQLite driver (the progress database), librdkafka (live mode, loaded
# when first used: live/rdkafkalibrary.h) and Qt Svg's icon engine and image format plugins (every
# icon of the app is an SVG). Qt Print Support is QCustomPlot's way to PDF and printers.
set(kafkalab_runtime_plugins "libqt6sql6-sqlite (>= 6.4), librdkafka1 (>= 2.0)")
if(KAFKALAB_BUILD_APP)
    string(APPEND kafkalab_runtime_plugins ", libqt6svg6 (>= 6.4), libqt6printsupport6 (>= 6.4)")
endif()
if(KAFKALAB_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "${kafkalab_runtime_plugins}")
else()
    message(STATUS "dpkg-shlibdeps not found: the DEB package lists its dependencies by hand")
    set(CPACK_DEBIAN_PACKAGE_DEPENDS
        "libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6sql6 (>= 6.4), \
${kafkalab_runtime_plugins}, libqcustomplot2.1-qt6, \
libyaml-cpp0.7, libfontconfig1, libc6, libstdc++6")
endif()
# Without it Qt runs through XWayland on a Wayland desktop.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")

# --- Windows: NSIS ----------------------------------------------------------------------------
if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(kafkalab_ico "${PROJECT_SOURCE_DIR}/installers/windows/kafkalab.ico")
    set(CPACK_NSIS_PACKAGE_NAME "Kafka Lab")
    set(CPACK_NSIS_DISPLAY_NAME "Kafka Lab ${PROJECT_VERSION}")
    set(CPACK_NSIS_MUI_ICON "${kafkalab_ico}")
    set(CPACK_NSIS_MUI_UNIICON "${kafkalab_ico}")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\kafkalab.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${KAFKALAB_PACKAGE_MAINTAINER}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # The installer offers to put bin\ on PATH, for kafkalab-cli.
    set(CPACK_NSIS_MODIFY_PATH ON)
    set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN "kafkalab.exe")
    # Start-menu shortcut "Kafka Lab" to bin\kafkalab.exe, and one on the desktop.
    set(CPACK_PACKAGE_EXECUTABLES "kafkalab" "Kafka Lab")
    set(CPACK_CREATE_DESKTOP_LINKS "kafkalab")
    if(TARGET kafkalab)
        # The icon of kafkalab.exe itself (Explorer, taskbar).
        configure_file("${PROJECT_SOURCE_DIR}/installers/windows/kafkalab.rc.in" "${kafkalab_gen_dir}/kafkalab.rc" @ONLY)
        target_sources(kafkalab PRIVATE "${kafkalab_gen_dir}/kafkalab.rc")
    endif()
endif()

# --- macOS: an app bundle in a disk image ----------------------------------------------------
if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Kafka Lab")
    set(CPACK_DMG_FORMAT "UDBZ")
    if(TARGET kafkalab)
        # kafkalab.icns from the rendered PNGs with Apple's iconutil (every Mac has it).
        set(iconset "${kafkalab_gen_dir}/kafkalab.iconset")
        set(iconset_commands COMMAND ${CMAKE_COMMAND} -E make_directory "${iconset}")
        foreach(size 16 32 128 256 512)
            math(EXPR double "${size} * 2")
            list(APPEND iconset_commands
                COMMAND kafkalab-rendericon "${kafkalab_icon_svg}" "${iconset}/icon_${size}x${size}.png" ${size}
                COMMAND kafkalab-rendericon "${kafkalab_icon_svg}" "${iconset}/icon_${size}x${size}@2x.png" ${double})
        endforeach()
        add_custom_command(OUTPUT "${kafkalab_gen_dir}/kafkalab.icns"
            ${iconset_commands}
            COMMAND iconutil -c icns -o "${kafkalab_gen_dir}/kafkalab.icns" "${iconset}"
            DEPENDS kafkalab-rendericon "${kafkalab_icon_svg}"
            COMMENT "Making kafkalab.icns"
            VERBATIM)
        add_custom_target(kafkalab_icns DEPENDS "${kafkalab_gen_dir}/kafkalab.icns")
        add_dependencies(kafkalab kafkalab_icns)
        target_sources(kafkalab PRIVATE "${kafkalab_gen_dir}/kafkalab.icns")
        set_source_files_properties("${kafkalab_gen_dir}/kafkalab.icns" TARGET_DIRECTORY kafkalab
            PROPERTIES MACOSX_PACKAGE_LOCATION Resources GENERATED ON)
        set_target_properties(kafkalab PROPERTIES
            MACOSX_BUNDLE ON
            MACOSX_BUNDLE_INFO_PLIST "${PROJECT_SOURCE_DIR}/installers/macos/Info.plist.in"
            MACOSX_BUNDLE_BUNDLE_NAME "Kafka Lab"
            MACOSX_BUNDLE_GUI_IDENTIFIER "${KAFKALAB_APP_ID}"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
            MACOSX_BUNDLE_ICON_FILE "kafkalab.icns"
            MACOSX_BUNDLE_COPYRIGHT "GPL-3.0-or-later, the Kafka Lab contributors")
    endif()
endif()

# --- Windows and macOS: Qt and the other libraries travel with the executables ---------------
if((WIN32 OR APPLE) AND TARGET kafkalab)
    # windeployqt / macdeployqt at install time (Qt 6.3+); OUTPUT_SCRIPT replaced
    # FILENAME_VARIABLE in Qt 6.5.
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET kafkalab OUTPUT_SCRIPT kafkalab_deploy_script NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_app_script(TARGET kafkalab FILENAME_VARIABLE kafkalab_deploy_script
            NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT "${kafkalab_deploy_script}")
    if(WIN32)
        # windeployqt copies Qt's DLLs only.
        foreach(lib QCustomPlotQt6::QCustomPlotQt6 yaml-cpp yaml-cpp::yaml-cpp)
            if(TARGET ${lib})
                get_target_property(type ${lib} TYPE)
                get_target_property(aliased ${lib} ALIASED_TARGET)
                if(type STREQUAL "SHARED_LIBRARY" AND NOT aliased)
                    install(IMPORTED_RUNTIME_ARTIFACTS ${lib} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
                endif()
            endif()
        endforeach()
    endif()
endif()

if(NOT CPACK_GENERATOR)
    set(CPACK_GENERATOR "DEB;TGZ")
endif()

include(CPack)
