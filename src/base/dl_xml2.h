/*
 * dl_xml2.h — libxml2, loaded when first used (see base/dl.h).
 *
 * Include it instead of libxml2's headers: it includes them, then turns
 * every call of the functions below into a call through the table that
 * cv_dl_xml2() fills on first use.  Used by render/package.c (checking a user template's XML), batch/pack.c (--merge), batch/table_xlsx.c (XLSX).
 * A function of the library that is not listed here would be linked to
 * nothing: add it to both lists.
 */
#ifndef CV_DL_XML2_H
#define CV_DL_XML2_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "base/dl.h"

#ifndef CV_SONAME_XML2
#define CV_SONAME_XML2 "libxml2.so.2"
#endif

#define CV_DL_XML2_FUNCS(X) \
	X(xmlBufferContent) \
	X(xmlBufferCreate) \
	X(xmlBufferFree) \
	X(xmlBufferLength) \
	X(xmlDocGetRootElement) \
	X(xmlFreeDoc) \
	X(xmlGetNsProp) \
	X(xmlGetProp) \
	X(xmlInitParser) \
	X(xmlNodeDump) \
	X(xmlNodeListGetString) \
	X(xmlReadMemory) \
	X(xmlSearchNsByHref) \
	X(xmlSetNsProp) \
	X(xmlFreeTextReader) \
	X(xmlReaderForIO) \
	X(xmlReaderForMemory) \
	X(xmlTextReaderConstLocalName) \
	X(xmlTextReaderConstValue) \
	X(xmlTextReaderDepth) \
	X(xmlTextReaderIsEmptyElement) \
	X(xmlTextReaderLocatorLineNumber) \
	X(xmlTextReaderMoveToElement) \
	X(xmlTextReaderMoveToFirstAttribute) \
	X(xmlTextReaderMoveToNextAttribute) \
	X(xmlTextReaderNodeType) \
	X(xmlTextReaderRead) \
	X(xmlTextReaderSetErrorHandler) \
	X(xmlCtxtGetLastError) \
	X(xmlCtxtReadMemory) \
	X(xmlFreeParserCtxt) \
	X(xmlNewParserCtxt) \
	X(xmlSetGenericErrorFunc)
/* variables: pointers to the library's own */
#define CV_DL_XML2_VARS(X) X(xmlFree)

/* one pointer per function (per variable), typed by the library's declaration */
struct cv_dl_xml2 {
#define CV_DL_FIELD(f) __typeof__(f) *f;
	CV_DL_XML2_FUNCS(CV_DL_FIELD)
	CV_DL_XML2_VARS(CV_DL_FIELD)
#undef CV_DL_FIELD
};

/* The table, filled on the first call (thread-safe). */
const struct cv_dl_xml2 *cv_dl_xml2(void);

#ifndef CV_DL_NO_MACROS
#define xmlBufferContent(...) (cv_dl_xml2()->xmlBufferContent(__VA_ARGS__))
#define xmlBufferCreate(...) (cv_dl_xml2()->xmlBufferCreate(__VA_ARGS__))
#define xmlBufferFree(...) (cv_dl_xml2()->xmlBufferFree(__VA_ARGS__))
#define xmlBufferLength(...) (cv_dl_xml2()->xmlBufferLength(__VA_ARGS__))
#define xmlDocGetRootElement(...) (cv_dl_xml2()->xmlDocGetRootElement(__VA_ARGS__))
#define xmlFreeDoc(...) (cv_dl_xml2()->xmlFreeDoc(__VA_ARGS__))
#define xmlGetNsProp(...) (cv_dl_xml2()->xmlGetNsProp(__VA_ARGS__))
#define xmlGetProp(...) (cv_dl_xml2()->xmlGetProp(__VA_ARGS__))
#define xmlInitParser(...) (cv_dl_xml2()->xmlInitParser(__VA_ARGS__))
#define xmlNodeDump(...) (cv_dl_xml2()->xmlNodeDump(__VA_ARGS__))
#define xmlNodeListGetString(...) (cv_dl_xml2()->xmlNodeListGetString(__VA_ARGS__))
#define xmlReadMemory(...) (cv_dl_xml2()->xmlReadMemory(__VA_ARGS__))
#define xmlSearchNsByHref(...) (cv_dl_xml2()->xmlSearchNsByHref(__VA_ARGS__))
#define xmlSetNsProp(...) (cv_dl_xml2()->xmlSetNsProp(__VA_ARGS__))
#define xmlFreeTextReader(...) (cv_dl_xml2()->xmlFreeTextReader(__VA_ARGS__))
#define xmlReaderForIO(...) (cv_dl_xml2()->xmlReaderForIO(__VA_ARGS__))
#define xmlReaderForMemory(...) (cv_dl_xml2()->xmlReaderForMemory(__VA_ARGS__))
#define xmlTextReaderConstLocalName(...) (cv_dl_xml2()->xmlTextReaderConstLocalName(__VA_ARGS__))
#define xmlTextReaderConstValue(...) (cv_dl_xml2()->xmlTextReaderConstValue(__VA_ARGS__))
#define xmlTextReaderDepth(...) (cv_dl_xml2()->xmlTextReaderDepth(__VA_ARGS__))
#define xmlTextReaderIsEmptyElement(...) (cv_dl_xml2()->xmlTextReaderIsEmptyElement(__VA_ARGS__))
#define xmlTextReaderLocatorLineNumber(...) (cv_dl_xml2()->xmlTextReaderLocatorLineNumber(__VA_ARGS__))
#define xmlTextReaderMoveToElement(...) (cv_dl_xml2()->xmlTextReaderMoveToElement(__VA_ARGS__))
#define xmlTextReaderMoveToFirstAttribute(...) (cv_dl_xml2()->xmlTextReaderMoveToFirstAttribute(__VA_ARGS__))
#define xmlTextReaderMoveToNextAttribute(...) (cv_dl_xml2()->xmlTextReaderMoveToNextAttribute(__VA_ARGS__))
#define xmlTextReaderNodeType(...) (cv_dl_xml2()->xmlTextReaderNodeType(__VA_ARGS__))
#define xmlTextReaderRead(...) (cv_dl_xml2()->xmlTextReaderRead(__VA_ARGS__))
#define xmlTextReaderSetErrorHandler(...) (cv_dl_xml2()->xmlTextReaderSetErrorHandler(__VA_ARGS__))
#define xmlCtxtGetLastError(...) (cv_dl_xml2()->xmlCtxtGetLastError(__VA_ARGS__))
#define xmlCtxtReadMemory(...) (cv_dl_xml2()->xmlCtxtReadMemory(__VA_ARGS__))
#define xmlFreeParserCtxt(...) (cv_dl_xml2()->xmlFreeParserCtxt(__VA_ARGS__))
#define xmlNewParserCtxt(...) (cv_dl_xml2()->xmlNewParserCtxt(__VA_ARGS__))
#define xmlSetGenericErrorFunc(...) (cv_dl_xml2()->xmlSetGenericErrorFunc(__VA_ARGS__))
#define xmlFree(...) ((*cv_dl_xml2()->xmlFree)(__VA_ARGS__))
#endif

#endif
