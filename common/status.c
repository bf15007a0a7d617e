#include "config.h"
#include <padan/common.h>

const char *padan_strerror(int status) {
  switch (status) {
  case PADAN_OK: return "success";
  case PADAN_ENOMEM: return "out of memory";
  case PADAN_EIO: return "input/output error";
  case PADAN_EUTF8: return "invalid UTF-8";
  case PADAN_EFORMAT: return "malformed input";
  case PADAN_EDICT: return "dictionary missing or unusable";
  case PADAN_EARG: return "invalid argument";
  case PADAN_EBINARY: return "binary file";
  case PADAN_ELIMIT: return "input exceeds a limit";
  default: return "unknown error";
  }
}

const char *padan_version(void) { return PACKAGE_VERSION; }
