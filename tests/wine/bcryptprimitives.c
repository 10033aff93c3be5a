/* For the Wine tests only, never shipped: Rust's standard library on
   Windows takes its random bytes from bcryptprimitives.dll's ProcessPrng,
   which every Windows 10 and 11 has and Wine 8.0 lacks. This stand-in,
   put beside jifenbu.exe in the test folder, asks advapi32 instead. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
