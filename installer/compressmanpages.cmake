# CPack pre-build script (packaging.cmake): Debian ships manual pages gzip -9n'd (lintian
# uncompressed-manual-page is an error), while `cmake --install` leaves them as written. Runs on the
# staged files of every package after the install and before the .deb is made.
file(GLOB_RECURSE hacmp_man_pages "${CPACK_TEMPORARY_DIRECTORY}/*.[1-9]")
foreach(page ${hacmp_man_pages})
    if(page MATCHES "/share/man/")
        execute_process(COMMAND gzip -9nf "${page}" COMMAND_ERROR_IS_FATAL ANY)
    endif()
endforeach()
