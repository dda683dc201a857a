# CPack: `cpack -G DEB` in the build directory makes hacmp-agent_<version>_<arch>.deb and
# hacmp-console_<version>_<arch>.deb from the install components of the same names (the top level puts
# what agent/ installs in hacmp-agent and what gui/ installs in hacmp-console). Included after every
# add_subdirectory, so that HACMP_PACKAGES (installer/CMakeLists.txt) is known.
set(HACMP_PACKAGE_MAINTAINER "hacmp maintainers <maintainers@users.noreply.r-seed-ed6310f4.example>"
    CACHE STRING "The Maintainer field of the Debian packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hacmp)
set(CPACK_PACKAGE_VENDOR "hacmp")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${HACMP_PACKAGE_MAINTAINER})
# CPackDeb puts any summary but its own default in front of the component descriptions below, whose first
# lines are the packages' synopses; keeping the default keeps them.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
# The install runs with prefix /usr into a staging DESTDIR, so installer/installsystemfiles.cmake.in
# sees the real prefix and puts the unit and the configuration in /lib/systemd/system and /etc/hacmp.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/compressmanpages.cmake)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${HACMP_PACKAGES})

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${HACMP_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SOURCE hacmp)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Maintainer scripts 0755, conffiles 0644, as Debian policy asks, whatever the checkout's modes are.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_HACMP-AGENT_PACKAGE_NAME hacmp-agent)
set(CPACK_DEBIAN_HACMP-AGENT_DESCRIPTION
    "single-instance failover over a shared directory (agent)
hacmp keeps one application running on exactly one host of a cluster whose
hosts share nothing but a directory (an NFS export or a SAN file system).
This package has the agent that runs on every host (a systemd service), the
guard that stops the application when its host loses the lease, and
hacmpctl, the operator's command line.")
# groupadd (postinst) is in passwd. The libraries the binaries link, Qt's HTTP server of the metrics
# endpoint (libqt6httpserver6) among them, come from shlibdeps (tests/installer checks that one).
set(CPACK_DEBIAN_HACMP-AGENT_PACKAGE_DEPENDS passwd)
set(CPACK_DEBIAN_HACMP-AGENT_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm ${CMAKE_CURRENT_LIST_DIR}/debian/conffiles)

set(CPACK_DEBIAN_HACMP-CONSOLE_PACKAGE_NAME hacmp-console)
set(CPACK_DEBIAN_HACMP-CONSOLE_DESCRIPTION
    "single-instance failover over a shared directory (console)
hacmp keeps one application running on exactly one host of a cluster whose
hosts share nothing but a directory (an NFS export or a SAN file system).
This package has the desktop console that shows which host is master, how
fresh every heartbeat is and what happened when, and lets an operator enter
maintenance, switch over and clear failures.")
# The state icons are SVG, drawn by Qt's SVG image plugin, which shlibdeps cannot see.
set(CPACK_DEBIAN_HACMP-CONSOLE_PACKAGE_DEPENDS libqt6svg6)

include(CPack)
