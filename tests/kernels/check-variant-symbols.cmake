# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DNM=nm -DOBJECT=KernelsV4.cpp.o -DOWN=kernels_v4,EigenV4 -P check-variant-symbols.cmake
# Fails when a CPU variant's object file defines a symbol the linker merges across translation units (weak,
# or GNU unique) whose name holds none of the variant's own namespaces (OWN). The linker keeps one copy of
# such a symbol, and if it kept the AVX-512 one, baseline code would call AVX-512 instructions on CPUs
# without them (core/kernels/VariantTable.h).
string(REPLACE "," ";" OWN "${OWN}")
execute_process(COMMAND ${NM} --defined-only --demangle ${OBJECT} OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${OBJECT}")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(shared 0)
set(merged 0)
foreach(line IN LISTS lines)
    if(line MATCHES "^[0-9a-f]* ([WVu]) (.*)$")
        math(EXPR merged "${merged} + 1")
        set(name "${CMAKE_MATCH_2}")
        # DW.ref.__gxx_personality_v0 is data, the same address of the C++ runtime's routine in every object.
        set(own FALSE)
        if(name MATCHES "^DW\\.ref\\.")
            set(own TRUE)
        endif()
        foreach(namespace IN LISTS OWN)
            string(FIND "${name}" "${namespace}" at)
            if(NOT at EQUAL -1)
                set(own TRUE)
            endif()
        endforeach()
        if(NOT own)
            message(SEND_ERROR "${OBJECT} defines the mergeable symbol '${name}' outside ${OWN}")
            math(EXPR shared "${shared} + 1")
        endif()
    endif()
endforeach()
if(merged EQUAL 0)
    message(FATAL_ERROR "no weak symbols in ${OBJECT}: not a variant's object file, or nm lists differently")
endif()
message(STATUS "${OBJECT}: ${merged} mergeable symbols, ${shared} outside ${OWN}")
