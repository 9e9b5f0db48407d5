/* Stand-in for Windows 10's system icuuc.dll, for Wine only: no converters, so Qt's
   QStringConverter keeps to its built-in codecs. Never ship it. */
#include <stdint.h>
#include <stddef.h>
#define API __declspec(dllexport)
typedef int UErrorCode;
static void fail(UErrorCode *e) { if (e && *e <= 0) *e = 4; /* U_FILE_ACCESS_ERROR */ }
API void *ucnv_open(const char *n, UErrorCode *e) { (void)n; fail(e); return NULL; }
API void ucnv_close(void *c) { (void)c; }
API void ucnv_reset(void *c) { (void)c; }
API int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
API const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; fail(e); return NULL; }
API const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n; (void)s; fail(e); return NULL; }
API const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
API int32_t ucnv_countAvailable(void) { return 0; }
API int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { (void)c; fail(e); return 0; }
API int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { (void)c; fail(e); return 0; }
API void ucnv_getToUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
API void ucnv_getFromUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
API void ucnv_setToUCallBack(void *c, void *n, const void *x, void **o, const void **ox, UErrorCode *e) { (void)c; (void)n; (void)x; if (o) *o = NULL; if (ox) *ox = NULL; fail(e); }
API void ucnv_setFromUCallBack(void *c, void *n, const void *x, void **o, const void **ox, UErrorCode *e) { (void)c; (void)n; (void)x; if (o) *o = NULL; if (ox) *ox = NULL; fail(e); }
API void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
API void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
API void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)l; (void)o; fail(e); }
API void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *sl, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)sl; (void)o; fail(e); }
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const void *u, int32_t l, int32_t cp, int r, UErrorCode *e) { (void)x; (void)a; (void)u; (void)l; (void)cp; (void)r; fail(e); }
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const char *u, int32_t l, int r, UErrorCode *e) { (void)x; (void)a; (void)u; (void)l; (void)r; fail(e); }
