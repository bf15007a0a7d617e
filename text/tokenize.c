/* PLACEHOLDER: replaced by the text/ work. */
#include "config.h"
#include <padan/text.h>
