/* A stand-in for Windows' bcryptprimitives.dll, for running Go programs under Wine 8 (Debian 12's
 * wine64), which lacks it. Since Go 1.24 the runtime of every Windows program gets its random
 * bytes from ProcessPrng in bcryptprimitives.dll (Windows 10 and later have it) and stops at once
 * without it ("fatal error: bcryptprimitives.dll not found"). This one fills the buffer from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. scripts/wine.sh builds it with
 * mingw-w64 into its private Wine prefix; nothing here ships to users.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
