# SPDX-License-Identifier: Apache-2.0
# parevm: blst and c-kzg-4844 from the pinned npm package c-kzg 4.1.0 (fetched outside the source
# tree by scripts/fetch_ckzg.sh), built as static libraries behind the target parevm_ckzg.
# They back the KZG point evaluation (EIP-4844) and BLS12-381 (EIP-2537) precompiles.

set(ckzg_version "4.1.0")
if(DEFINED ENV{PAREVM_DEPS_DIR})
    set(ckzg_deps_dir "$ENV{PAREVM_DEPS_DIR}")
else()
    set(ckzg_deps_dir "$ENV{HOME}/.cache/parevm")
endif()
set(PAREVM_CKZG_DIR "${ckzg_deps_dir}/c-kzg-${ckzg_version}/package" CACHE PATH
    "Unpacked npm package c-kzg ${ckzg_version} (scripts/fetch_ckzg.sh puts it there)")

set(ckzg_marker "${PAREVM_CKZG_DIR}/deps/c-kzg/ckzg.c")
if(NOT EXISTS "${ckzg_marker}")
    # Not fetched yet: the fetch script is idempotent and verifies the tarball's sha512.
    message(STATUS "c-kzg ${ckzg_version} not found in ${PAREVM_CKZG_DIR}: running fetch_ckzg.sh")
    execute_process(COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/fetch_ckzg.sh"
                    RESULT_VARIABLE ckzg_fetch_rc)
endif()
if(NOT EXISTS "${ckzg_marker}")
    message(FATAL_ERROR "c-kzg ${ckzg_version} sources not found in ${PAREVM_CKZG_DIR}. "
            "Run scripts/fetch_ckzg.sh (needs npm) or set PAREVM_CKZG_DIR to the unpacked "
            "package directory.")
endif()

set(blst_dir "${PAREVM_CKZG_DIR}/deps/blst")
set(ckzg_c_dir "${PAREVM_CKZG_DIR}/deps/c-kzg")

# Third-party code: none of our warning flags (and never -Werror), their own build's defines.
set(ckzg_third_party_options -w -O2 -fno-strict-aliasing)

# blst: the whole C library is one translation unit (server.c) plus the generated assembly,
# which picks the ADX or plain code path at run time (__BLST_PORTABLE__, as the package's
# binding.gyp builds it). Other architectures without assembly fall back to portable C.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|aarch64|arm64)$")
    enable_language(ASM)
    add_library(parevm_blst STATIC "${blst_dir}/src/server.c" "${blst_dir}/build/assembly.S")
    target_compile_definitions(parevm_blst PRIVATE __BLST_PORTABLE__)
else()
    add_library(parevm_blst STATIC "${blst_dir}/src/server.c")
    target_compile_definitions(parevm_blst PRIVATE __BLST_NO_ASM__)
endif()
set_target_properties(parevm_blst PROPERTIES COMPILE_OPTIONS "${ckzg_third_party_options}"
                      POSITION_INDEPENDENT_CODE ON)
target_include_directories(parevm_blst SYSTEM PUBLIC "${blst_dir}/bindings")

# c-kzg-4844: ckzg.c includes all of its split sources (common, eip4844, eip7594, setup).
add_library(parevm_ckzg STATIC "${ckzg_c_dir}/ckzg.c")
set_target_properties(parevm_ckzg PROPERTIES COMPILE_OPTIONS "${ckzg_third_party_options}"
                      POSITION_INDEPENDENT_CODE ON)
target_include_directories(parevm_ckzg SYSTEM PUBLIC "${ckzg_c_dir}")
target_link_libraries(parevm_ckzg PUBLIC parevm_blst)

# The mainnet trusted setup shipped in the package; PAREVM_TRUSTED_SETUP overrides it at run time.
set(PAREVM_TRUSTED_SETUP_FILE "${ckzg_c_dir}/trusted_setup.txt" CACHE FILEPATH
    "Default KZG trusted setup (environment PAREVM_TRUSTED_SETUP overrides at run time)")
target_compile_definitions(parevm_ckzg INTERFACE
                           PAREVM_TRUSTED_SETUP_DEFAULT="${PAREVM_TRUSTED_SETUP_FILE}")
