/*
 * fuzz_xlsx.c — libFuzzer entry for the batch table reader of .xlsx files.
 */
#include "table_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return S_read_table(data, size, ".xlsx");
}
