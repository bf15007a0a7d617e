# Generates the built-in abbreviation table (text/abbrev-data.c) from dicts/abbrev-id.txt.
# One abbreviation a line with its period(s); '#' comments name sections. Entries in the
# sections on titles, addresses and ranks never end a sentence (flag 1); others may (flag 0).
BEGIN { print "/* Generated from dicts/abbrev-id.txt by text/abbrev-gen.awk. Do not edit. */"
        print "#include \"text/abbrev.h\""
        print "const pd_abbrev pd_abbrevs[] = {"; title = 0; n = 0 }
/^#/ { s = tolower($0); title = (s ~ /title|address|rank|military/) ? 1 : 0; next }
{ sub(/\r$/, ""); gsub(/^[ \t]+|[ \t]+$/, "") }
$0 == "" { next }
{ w = $1; gsub(/\\/, "\\\\", w); gsub(/"/, "\\\"", w)
  printf "  {\"%s\", %d, %d},\n", w, length($1), title; n++ }
END { print "};"; printf "const size_t pd_nabbrevs = %d;\n", n }
