"""Checks the Stdlib's co_tweet_text against the Coordination Network Toolkit's message_preprocessor
(CoTweetTests), on texts made to find where they could differ.

    co_tweet_text.py write TEXTS.csv       writes the texts (id, text)
    co_tweet_text.py check TEXTS.csv TEI.json   compares tei's (id, normalised) with the toolkit's

The toolkit's function is copied here (coordination_network_toolkit/similarity.py, version 1.5.2) so
the test needs no more than Python: lower(), drop `@` up to the next white space, collapse white space.
The toolkit compiles its cleaner with the `regex` module, whose `\s` is Unicode's White_Space; `re`'s
`\s` also takes U+001C to U+001F (as str.split() does), so the copy spells `regex`'s out.
Prints one line; exits 1 if any text differs.
"""
import csv
import json
import re
import sys

WHITE_SPACE = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
social_media_cleaner = re.compile(r"@.*?(?=(?:[" + WHITE_SPACE + r"]|$))")


def message_preprocessor(text):
    return " ".join(social_media_cleaner.sub("", text.lower()).split())


TEXTS = [
    "Vote EARLY, Freedonia! #Election2016",
    "RT @freedonia_daily: Vote early",
    "@user hello @other_user, see you",
    "Ends with a mention @someone",
    "@only",
    "@",
    "@@double and mail@example.com here",
    "  leading and trailing  ",
    "tabs\tand\nnew\r\nlines\x0bvertical\x0cfeed",
    "no-break\u00a0space, ideographic\u3000space, thin\u2009space, line\u2028separator",
    "info\x1cseparators\x1fand\x85next line",
    "mention@with\x1cseparator inside, @x\x1dy\x1ez and\x1fafter",
    "Link https://t.co/AbC123 and https://Example.com/@path?x=@y",
    "ВЫБОРЫ во ФРИДОНИИ @Вестник_Фридонии сегодня",
    "ÉTÉ ÀÇÕ Ñandú ÆØÅ",
    "صوت فريدونيا @SawtFreedonia اليوم",
    "emoji 🗳️ VOTE 👍🏽 @x🗳 y",
    "mention,@comma and (@paren) and @dot.",
    "zero\u200bwidth space is not white space",
    "",
]


def main():
    if sys.argv[1] == "write":
        with open(sys.argv[2], "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(["id", "text"])
            for number, text in enumerate(TEXTS):
                writer.writerow([number, text])
        return
    with open(sys.argv[3], encoding="utf-8") as file:
        rows = {int(row["id"]): row["normalised"] for row in json.load(file)}
    differ = []
    for number, text in enumerate(TEXTS):
        # tei reads an empty field as null; the toolkit's "" stays "".
        expected = message_preprocessor(text) if text else None
        if rows.get(number) != expected:
            differ.append(f"{text!r}: tei {rows.get(number)!r}, toolkit {expected!r}")
    if differ or len(rows) != len(TEXTS):
        print(f"{len(differ)} of {len(TEXTS)} texts differ ({len(rows)} rows from tei): " + "; ".join(differ))
        sys.exit(1)
    print(f"the same normalised text for all {len(TEXTS)} texts")


main()
