# arena_arc_write_pkg_config(<output> [<definition>...]): writes arena_arc.pc for an install
# with the directories of CMakeLists.txt (ARENA_ARC_INSTALL_PKGCONFIGDIR, CMAKE_INSTALL_INCLUDEDIR).
# The file is relocatable: its prefix is found from where the file lies (${pcfiledir}), so an
# install moved elsewhere (`cmake --install --prefix`, a .deb unpacked with `dpkg-deb -x`) keeps
# working through PKG_CONFIG_PATH. The definitions (ARENA_ARC_HARDENING, ARENA_ARC_OWNER_REFUNDS
# as configured) go into Cflags, as they go into arena_arc::arena_arc for find_package users.
function(arena_arc_write_pkg_config output)
  if(IS_ABSOLUTE "${ARENA_ARC_INSTALL_PKGCONFIGDIR}")
    set(prefix "${CMAKE_INSTALL_PREFIX}")
  else()
    # One `..` per component of the directory, e.g. share/pkgconfig -> ${pcfiledir}/../..
    file(TO_CMAKE_PATH "${ARENA_ARC_INSTALL_PKGCONFIGDIR}" dir)
    string(REGEX REPLACE "/+$" "" dir "${dir}")
    string(REGEX REPLACE "[^/]+" ".." up "${dir}")
    set(prefix "\${pcfiledir}/${up}")
  endif()
  if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
    set(includedir "${CMAKE_INSTALL_INCLUDEDIR}")
  else()
    set(includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
  endif()
  set(cflags "-I\${includedir}")
  foreach(definition IN LISTS ARGN)
    string(APPEND cflags " -D${definition}")
  endforeach()
  file(CONFIGURE OUTPUT "${output}" @ONLY CONTENT [[
# arena_arc is header-only and needs C++20. Cflags do not choose the language standard (a -std
# flag here could lower the consumer's own): compile with -std=c++20 or later. Libs: the headers
# call pthread_atfork and pthread_mutex_lock, which need -pthread outside glibc 2.34 and later.
prefix=@prefix@
includedir=@includedir@

Name: arena_arc
Description: @PROJECT_DESCRIPTION@ (header-only, C++20)
Version: @PROJECT_VERSION@
Cflags: @cflags@
Libs: -pthread
]])
endfunction()
