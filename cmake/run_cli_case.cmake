# Runs one CLI golden case: tests/cli/<command>/<case>/ holds
#   args            one argument per line; @DATA@ is tests/data, @CASE@ the case folder,
#                   @OUT@ a fresh scratch folder for outputs
#   stdin           optional bytes fed to standard input
#   expected.stdout, expected.stderr, expected.rc
#   expected.files/ optional: files the command must leave in @OUT@, compared byte for byte
# X12_TEST_MODE=COLLECT rewrites the expectations from the actual run.
# Variables: X12 (the binary), CASE_DIR, DATA_DIR, WORK_DIR.

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/out")

set(args)
if(EXISTS "${CASE_DIR}/args")
  file(STRINGS "${CASE_DIR}/args" lines)
  foreach(line IN LISTS lines)
    string(REPLACE "@DATA@" "${DATA_DIR}" line "${line}")
    string(REPLACE "@CASE@" "${CASE_DIR}" line "${line}")
    string(REPLACE "@OUT@" "${WORK_DIR}/out" line "${line}")
    list(APPEND args "${line}")
  endforeach()
endif()

set(input_arg)
if(EXISTS "${CASE_DIR}/stdin")
  set(input_arg INPUT_FILE "${CASE_DIR}/stdin")
else()
  set(input_arg INPUT_FILE /dev/null)
endif()

# Set here, not through `cmake -E env`: one process fewer a case, and CI
# pays for every process it starts.
set(ENV{SOURCE_DATE_EPOCH} 1767225600)
execute_process(
  COMMAND "${X12}" ${args}
  ${input_arg}
  OUTPUT_FILE "${WORK_DIR}/stdout"
  ERROR_FILE "${WORK_DIR}/stderr.raw"
  RESULT_VARIABLE rc
  WORKING_DIRECTORY "${WORK_DIR}")

# Paths differ between machines: name them by placeholder in the goldens.
file(READ "${WORK_DIR}/stderr.raw" err)
string(REPLACE "${DATA_DIR}" "@DATA@" err "${err}")
string(REPLACE "${WORK_DIR}/out" "@OUT@" err "${err}")
string(REPLACE "${CASE_DIR}" "@CASE@" err "${err}")
file(WRITE "${WORK_DIR}/stderr" "${err}")
file(READ "${WORK_DIR}/stdout" out)
string(REPLACE "${DATA_DIR}" "@DATA@" out "${out}")
string(REPLACE "${WORK_DIR}/out" "@OUT@" out "${out}")
string(REPLACE "${CASE_DIR}" "@CASE@" out "${out}")
file(WRITE "${WORK_DIR}/stdout" "${out}")
file(WRITE "${WORK_DIR}/rc" "${rc}\n")

if("$ENV{X12_TEST_MODE}" STREQUAL "COLLECT")
  file(COPY_FILE "${WORK_DIR}/stdout" "${CASE_DIR}/expected.stdout")
  file(COPY_FILE "${WORK_DIR}/stderr" "${CASE_DIR}/expected.stderr")
  file(COPY_FILE "${WORK_DIR}/rc" "${CASE_DIR}/expected.rc")
  if(IS_DIRECTORY "${CASE_DIR}/expected.files")
    file(REMOVE_RECURSE "${CASE_DIR}/expected.files")
    file(COPY "${WORK_DIR}/out/" DESTINATION "${CASE_DIR}/expected.files")
  endif()
  return()
endif()

set(failed)
foreach(part stdout stderr rc)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
    "${CASE_DIR}/expected.${part}" "${WORK_DIR}/${part}" RESULT_VARIABLE diff)
  if(diff)
    list(APPEND failed ${part})
    execute_process(COMMAND diff -u "${CASE_DIR}/expected.${part}" "${WORK_DIR}/${part}")
  endif()
endforeach()
if(IS_DIRECTORY "${CASE_DIR}/expected.files")
  execute_process(COMMAND diff -r "${CASE_DIR}/expected.files" "${WORK_DIR}/out" RESULT_VARIABLE diff)
  if(diff)
    list(APPEND failed files)
  endif()
endif()
if(failed)
  message(FATAL_ERROR "case ${CASE_DIR}: ${failed} differ (X12_TEST_MODE=COLLECT rewrites them)")
endif()
