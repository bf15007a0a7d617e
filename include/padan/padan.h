/* padan — Indonesian–English terminology toolkit. Umbrella header. */
#ifndef PADAN_PADAN_H
#define PADAN_PADAN_H
#include <padan/common.h>
#include <padan/text.h>
#include <padan/terms.h>
#include <padan/spell.h>
#include <padan/lexicon.h>
#include <padan/align.h>
#include <padan/glossary.h>
#include <padan/check.h>
#endif
