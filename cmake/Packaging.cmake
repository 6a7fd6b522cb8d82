# CPack settings (included by CMakeLists.txt when arena_arc is the top-level project and
# ARENA_ARC_INSTALL is on). `cpack -G DEB` in a build tree makes libarena-arc-dev_<version>_all.deb:
# what `cmake --install` installs (headers, CMake package, arena_arc.pc, licence), under /usr.
# Tested by ctest (arena_arc.consumer.deb*, cmake/ConsumerTests.cmake).
set(ARENA_ARC_PACKAGE_CONTACT "arena-arc contributors <arena-arc@users.noreply.invalid>"
  CACHE STRING "Maintainer of the cpack packages: 'Name <address>' (the .deb's Maintainer field)")

set(CPACK_PACKAGE_NAME "libarena-arc-dev") # Debian's name for a C/C++ development package
set(CPACK_PACKAGE_VENDOR "the arena-arc contributors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${ARENA_ARC_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "arena-arc is a header-only C++20 library: an allocator that places elements in"
  "chunks and hands out reference-counted read-only slices of them (ArcSlice,"
  "ArcSingle). It installs a CMake package (find_package(arena_arc), target"
  "arena_arc::arena_arc) and a pkg-config file (arena_arc.pc).")
if(EXISTS "${PROJECT_SOURCE_DIR}/LICENSE")
  set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
if(NOT DEFINED CPACK_GENERATOR)
  set(CPACK_GENERATOR "DEB")
endif()
# `cpack --config CPackSourceConfig.cmake` (target package_source): the sources without a build
# tree or version control.
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_PACKAGE_FILE_NAME "arena-arc-${PROJECT_VERSION}")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/\\.git$" "/build/" "/\\.cache/")

# Debian: nothing to compile, so one package for every architecture. The headers include
# <pthread.h> and <unistd.h> (libc6-dev), <linux/membarrier.h> (linux-libc-dev) and the C++20
# standard library headers (libstdc++ or libc++).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "all")
set(CPACK_DEBIAN_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6-dev, linux-libc-dev, libstdc++-dev | libc++-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake, pkgconf")

include(CPack)
