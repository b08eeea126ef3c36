import Foundation

/// The SQL that makes tei's functions on a PostgreSQL server, in schema `tei`: the same names,
/// arguments and answers as the functions tei registers on SQLite (`SQLFunctions` in TEIStorage),
/// on the encoding both share (`ValueType`: times are seconds in `bigint`, lists JSON text, bools
/// `boolean`). Each function says where its SQLite twin's meaning is reproduced by hand.
///
/// Functions are `IMMUTABLE PARALLEL SAFE`, and the regex ones are single `SELECT`s that the
/// planner inlines, so a pattern bound as a parameter is translated once per statement (its
/// translation is folded as a constant), not once per row.
enum PostgresFunctionsSQL {
    /// Every statement, in order; run in one transaction by `PostgresFunctions.install`.
    static var statements: [String] {
        [helpers, arithmetic, conversions, text, caseMapping, coTweetText, time, regex, aggregates]
    }

    /// Shared helpers: raising tei's own messages from an expression, and JSON text as tei writes it.
    static let helpers = #"""
    -- STABLE, not IMMUTABLE: the planner would run an immutable call with a constant message
    -- while simplifying the query, failing it even where the call is in a branch not taken.
    CREATE OR REPLACE FUNCTION tei.fail(message text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fn$
    BEGIN
        RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '22023';
    END
    $fn$;

    -- A JSON string as tei's lists store it (JSONText in TEIStorage): `"` and `\` escaped, \n \r \t
    -- by name, other control characters as \u00xx in lower-case hex, everything else as it is.
    -- PostgreSQL's to_json writes \b and \f by name, so it is not used.
    CREATE OR REPLACE FUNCTION tei.json_string(value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        result text := '';
        c text;
    BEGIN
        IF value !~ '[\x01-\x1f"\\]' THEN
            RETURN '"' || value || '"';
        END IF;
        FOREACH c IN ARRAY regexp_split_to_array(value, '') LOOP
            result := result || CASE
                WHEN c = '"' THEN '\"'
                WHEN c = '\' THEN '\\'
                WHEN c = E'\n' THEN '\n'
                WHEN c = E'\r' THEN '\r'
                WHEN c = E'\t' THEN '\t'
                WHEN ascii(c) < 32 THEN '\u00' || lpad(to_hex(ascii(c)), 2, '0')
                ELSE c
            END;
        END LOOP;
        RETURN '"' || result || '"';
    END
    $fn$;

    -- The JSON array of `items` (NULLs left out), sorted by code point when `sorted`, without
    -- repeats when `distinct_only`.
    CREATE OR REPLACE FUNCTION tei.json_array(items text[], distinct_only boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        -- Most items need no escaping: quoted here rather than by a PL/pgSQL call each.
        SELECT '[' || coalesce(string_agg(CASE WHEN item ~ '[\x01-\x1f"\\]' THEN tei.json_string(item) ELSE '"' || item || '"' END,
                                          ',' ORDER BY item COLLATE "C"), '') || ']'
        FROM (SELECT DISTINCT item FROM unnest(items) AS item WHERE item IS NOT NULL AND distinct_only
              UNION ALL
              SELECT item FROM unnest(items) AS item WHERE item IS NOT NULL AND NOT distinct_only) AS kept
    $fn$;
    """#

    /// `tei_add`, `tei_subtract`, `tei_multiply`: `bigint`'s operators already fail past 64 bits
    /// (SQLSTATE 22003, `PostgresError.isIntegerOverflow`), where SQLite's would round to a real.
    /// Only `bigint` arguments: tei calls them for whole numbers alone, and a `double precision`
    /// overload would capture calls with `integer` literals (PostgreSQL prefers it).
    static let arithmetic = #"""
    CREATE OR REPLACE FUNCTION tei.tei_add(a bigint, b bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT a + b $fn$;
    CREATE OR REPLACE FUNCTION tei.tei_subtract(a bigint, b bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT a - b $fn$;
    CREATE OR REPLACE FUNCTION tei.tei_multiply(a bigint, b bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT a * b $fn$;
    """#

    /// `tei_int` and `tei_float`: `DecimalNumber`'s reading of text (spaces around, an optional
    /// minus, digits, a fraction, an exponent; nothing else), truncation towards zero, and an
    /// overflow error (22003) where a number does not fit 64 bits.
    static let conversions = #"""
    -- The double a decimal number (written as DecimalNumber reads it) rounds to, infinite when it
    -- is too large, zero when too small: strtod's answer, which Swift's Double gives, where
    -- PostgreSQL's float8 input fails.
    CREATE OR REPLACE FUNCTION tei.decimal_double(number text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        parts text[];
        digits text;
        magnitude numeric;
    BEGIN
        -- At most 299 digits and an exponent of two: within a double's range.
        IF length(number) < 300 AND number ~ '^[^eE]*([eE][+-]?[0-9]{1,2})?$' THEN
            RETURN number::double precision;
        END IF;
        parts := regexp_match(number, '^(-?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$');
        digits := parts[2] || coalesce(parts[3], '');
        IF ltrim(digits, '0') = '' THEN
            RETURN (parts[1] || '0')::double precision;
        END IF;
        -- The power of ten of the first significant digit.
        magnitude := coalesce(parts[4], '0')::numeric + length(parts[2]) - 1 - (length(digits) - length(ltrim(digits, '0')));
        IF magnitude > 309 THEN
            RETURN (parts[1] || 'Infinity')::double precision;
        ELSIF magnitude < -325 THEN
            RETURN (parts[1] || '0')::double precision;
        ELSIF magnitude BETWEEN -306 AND 306 THEN
            RETURN number::double precision;
        END IF;
        BEGIN
            RETURN number::double precision;
        EXCEPTION WHEN numeric_value_out_of_range THEN
            RETURN (parts[1] || CASE WHEN magnitude < 0 THEN '0' ELSE 'Infinity' END)::double precision;
        END;
    END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.tei_int(value bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT value $fn$;

    -- Truncated towards zero; PostgreSQL's float8-to-bigint cast fails (22003) outside 64 bits,
    -- for infinities and NaN, as tei's does.
    CREATE OR REPLACE FUNCTION tei.tei_int(value double precision) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT trunc(value)::bigint $fn$;

    CREATE OR REPLACE FUNCTION tei.tei_int(value text) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        number text := btrim(value, ' ');
    BEGIN
        IF number ~ '^-?[0-9]+$' THEN
            RETURN number::bigint;
        ELSIF number ~ '^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$' THEN
            RETURN trunc(tei.decimal_double(number))::bigint;
        END IF;
        RETURN NULL;
    END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.tei_float(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        number text := btrim(value, ' ');
        result double precision;
    BEGIN
        IF number ~ '^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$' THEN
            result := tei.decimal_double(number);
            IF result <> 'Infinity' AND result <> '-Infinity' THEN RETURN result; END IF;
        END IF;
        RETURN NULL;
    END
    $fn$;
    """#

    /// `tei_domain`, `tei_is_hashed`, `tei_split` (`TEIText` and `SQLFunctions` in TEIStorage).
    static let text = #"""
    -- The host of `scheme://[user@]host[:port]/…`, lower-cased (ASCII letters only: the C
    -- collation's lower), without `www.`; NULL when empty or holding a space, a control character
    -- or a backslash.
    CREATE OR REPLACE FUNCTION tei.tei_domain(url text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        host text := substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)');
    BEGIN
        host := lower(regexp_replace(regexp_replace(host, '^.*@', ''), ':.*$', '') COLLATE "C");
        IF starts_with(host, 'www.') THEN host := substr(host, 5); END IF;
        RETURN CASE WHEN host <> '' AND host !~ '[\x01-\x20\\]' THEN host END;
    END
    $fn$;

    -- 64 hex digits (2018 releases), or 40 to 44 characters of base64 ending in one or two `=`.
    CREATE OR REPLACE FUNCTION tei.tei_is_hashed(id text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN id IS NULL THEN NULL
                    ELSE id ~ '^[0-9a-fA-F]{64}$'
                         OR (octet_length(id) BETWEEN 40 AND 44 AND id ~ '^[A-Za-z0-9+/]+={1,2}$') END
    $fn$;

    -- The pieces between separators as a JSON list. An empty separator splits tei's text into its
    -- characters (grapheme clusters, as Swift counts them), which PostgreSQL cannot: refused.
    CREATE OR REPLACE FUNCTION tei.tei_split(value text, separator text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    BEGIN
        IF separator = '' THEN
            RAISE EXCEPTION USING MESSAGE = 'split with an empty separator (into characters) is not available on PostgreSQL', ERRCODE = '0A000';
        ELSIF value !~ '[\x01-\x1f"\\]' THEN
            -- Nothing to escape: the pieces are the text between quotes, separators made `","`.
            RETURN '["' || replace(value, separator, '","') || '"]';
        END IF;
        RETURN '[' || array_to_string(ARRAY(SELECT tei.json_string(piece) FROM unnest(string_to_array(value, separator)) AS piece), ',') || ']';
    END
    $fn$;
    """#

    /// `tei_lower` and `tei_upper`: Unicode's simple case mapping (`CaseMapping`). ICU's (the
    /// collation `und-x-icu`) is the full mapping, which differs only where a code point's full
    /// mapping is several (`ß`, `ﬀ`, `İ`, `ᾳ`) and, in lower case, for `Σ` at the end of a word
    /// (`ς`); those are translated by tei's own table.
    static var caseMapping: String {
        let upper = UnicodeClasses.upperExceptions, lower = UnicodeClasses.lowerExceptions
        return #"""
        -- Single expressions (no FROM, no subquery), which the planner inlines into the query.
        CREATE OR REPLACE FUNCTION tei.tei_lower(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT CASE WHEN value ~ \#(literal("[" + lower.from + "]"))
                        THEN lower(translate(replace(value, 'Σ', 'σ'), \#(literal(lower.from)), \#(literal(lower.to))) COLLATE "und-x-icu")
                        ELSE lower(replace(value, 'Σ', 'σ') COLLATE "und-x-icu") END
        $fn$;

        -- Character by character, for the rare text that holds one of tei's exceptions.
        CREATE OR REPLACE FUNCTION tei.upper_by_character(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT string_agg(CASE WHEN strpos(\#(literal(upper.from)), c) > 0
                                   THEN translate(c, \#(literal(upper.from)), \#(literal(upper.to)))
                                   ELSE upper(c COLLATE "und-x-icu") END, '' ORDER BY n)
            FROM unnest(string_to_array(value, NULL)) WITH ORDINALITY AS chars(c, n)
        $fn$;

        CREATE OR REPLACE FUNCTION tei.tei_upper(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT CASE WHEN value ~ \#(literal("[" + upper.from + "]")) THEN tei.upper_by_character(value)
                        ELSE upper(value COLLATE "und-x-icu") END
        $fn$;
        """#
    }

    /// `tei_co_tweet_text` (`CoTweetText` in TEIStorage): after `tei_lower`, the same steps as
    /// regular expressions, each of one bracket expression and no alternatives, so that ARE's
    /// longest match is the greedy match SQLite's pass takes.
    static var coTweetText: String {
        #"""
        CREATE OR REPLACE FUNCTION tei.tei_co_tweet_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT btrim(regexp_replace(regexp_replace(tei.tei_lower(value), \#(literal("@[^" + UnicodeClasses.mentionEnd + "]*")), '', 'g'),
                                        \#(literal("[" + UnicodeClasses.wordSeparator + "]+")), ' ', 'g'), ' ')
        $fn$;
        """#
    }

    /// `tei_bin_months` and `tei_timestamp` (`CivilDate`, `TimeFormat` in TEIStorage), in whole
    /// numbers as tei computes them, so that any `bigint` time gives the same day.
    static let time = #"""
    -- Days since 1970-01-01 of a proleptic Gregorian date (CivilDate.dayNumber).
    CREATE OR REPLACE FUNCTION tei.day_number(year bigint, month bigint, day bigint) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        y bigint := CASE WHEN month <= 2 THEN year - 1 ELSE year END;
        era bigint := (CASE WHEN y >= 0 THEN y ELSE y - 399 END) / 400;
        yoe bigint := y - era * 400;
        doy bigint := (153 * (CASE WHEN month > 2 THEN month - 3 ELSE month + 9 END) + 2) / 5 + day - 1;
        doe bigint := yoe * 365 + yoe / 4 - yoe / 100 + doy;
    BEGIN
        RETURN era * 146097 + doe - 719468;
    END
    $fn$;

    -- The year and month of a day number (CivilDate(dayNumber:)).
    CREATE OR REPLACE FUNCTION tei.civil_month(day_number bigint, OUT year bigint, OUT month bigint)
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        z bigint := day_number + 719468;
        era bigint := (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097;
        doe bigint := z - era * 146097;
        yoe bigint := (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        doy bigint := doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp bigint := (5 * doy + 2) / 153;
    BEGIN
        month := CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END;
        year := yoe + era * 400 + CASE WHEN month <= 2 THEN 1 ELSE 0 END;
    END
    $fn$;

    -- Midnight of the first day of the bucket of `months` calendar months holding `time`, buckets
    -- counted from January 1970.
    CREATE OR REPLACE FUNCTION tei.tei_bin_months(moment bigint, months bigint) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        day bigint := floor(moment::numeric / 86400);
        civil record;
        index bigint;
        bucket bigint;
    BEGIN
        IF months <= 0 THEN
            RAISE EXCEPTION USING MESSAGE = 'bin: a calendar period must be positive', ERRCODE = '22023';
        END IF;
        civil := tei.civil_month(day);
        index := (civil.year - 1970) * 12 + civil.month - 1;
        bucket := index - (index % months + months) % months;
        RETURN tei.day_number(1970 + floor(bucket::numeric / 12)::bigint, (bucket % 12 + 12) % 12 + 1, 1) * 86400;
    END
    $fn$;

    -- Seconds since 1970 of a date and time, or NULL when it does not exist (a month past 12, a
    -- 30th of February, an hour past 23).
    CREATE OR REPLACE FUNCTION tei.seconds(year bigint, month bigint, day bigint, hour bigint, minute bigint, second bigint)
    RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        days_in_month bigint := CASE WHEN month = 2 THEN CASE WHEN (year % 4 = 0 AND year % 100 <> 0) OR year % 400 = 0 THEN 29 ELSE 28 END
                                     WHEN month IN (4, 6, 9, 11) THEN 30 ELSE 31 END;
    BEGIN
        IF month < 1 OR month > 12 OR day < 1 OR day > days_in_month OR hour > 23 OR minute > 59 OR second > 59 THEN
            RETURN NULL;
        END IF;
        RETURN tei.day_number(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    END
    $fn$;

    -- ISO 8601 in UTC as TEI releases write it (TimeFormat.parseISO): a date, then optionally a
    -- space or T, hours and minutes, optionally seconds; optionally a final Z.
    CREATE OR REPLACE FUNCTION tei.tei_timestamp(value text) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        p text[];
    BEGIN
        -- Checked by a pattern without captures, which PostgreSQL matches many times faster.
        IF value !~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{1,2}(?::[0-9]{1,2})?)?Z?$' THEN
            RETURN NULL;
        END IF;
        p := string_to_array(translate(rtrim(value, 'Z'), 'T: ', '---'), '-');
        RETURN tei.seconds(p[1]::bigint, p[2]::bigint, p[3]::bigint, coalesce(p[4], '0')::bigint, coalesce(p[5], '0')::bigint, coalesce(p[6], '0')::bigint);
    END
    $fn$;

    -- A time read by a format of strftime-style directives (TimeFormat): %Y %y %m %b %d %H %M %S
    -- %%, any other character for itself, covering the whole text; digits read greedily, without
    -- going back.
    CREATE OR REPLACE FUNCTION tei.tei_timestamp(value text, format text) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        pieces text[] := '{}';
        piece text;
        directive text;
        f integer := 1;
        i integer := 1;
        count integer;
        number bigint;
        year bigint; month bigint; day bigint;
        hour bigint := 0; minute bigint := 0; second bigint := 0;
        least_digits integer; most_digits integer;
        names text[] := ARRAY['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
        head text;
    BEGIN
        WHILE f <= length(format) LOOP
            piece := substr(format, f, 1);
            IF piece = '%' THEN
                directive := substr(format, f + 1, 1);
                IF directive = '' THEN
                    RAISE EXCEPTION USING MESSAGE = 'the format ends with a lone ''%''; write %% for a percent sign', ERRCODE = '22023';
                ELSIF directive = '%' THEN
                    pieces := pieces || '=%'::text;
                ELSIF directive IN ('Y', 'y', 'm', 'b', 'd', 'H', 'M', 'S') THEN
                    pieces := pieces || ('%' || directive);
                ELSE
                    RAISE EXCEPTION USING MESSAGE = format('unknown directive ''%%%s'' in the format; tei reads %%Y %%y %%m %%b %%d %%H %%M %%S and %%%%', directive), ERRCODE = '22023';
                END IF;
                f := f + 2;
            ELSE
                pieces := pieces || ('=' || piece);
                f := f + 1;
            END IF;
        END LOOP;
        IF NOT (pieces && ARRAY['%Y', '%y'] AND pieces && ARRAY['%m', '%b'] AND '%d' = ANY (pieces)) THEN
            RAISE EXCEPTION USING MESSAGE = 'the format needs a year (%Y or %y), a month (%m or %b) and a day (%d)', ERRCODE = '22023';
        END IF;
        FOREACH piece IN ARRAY pieces LOOP
            IF left(piece, 1) = '=' THEN
                IF substr(value, i, 1) <> substr(piece, 2) OR i > length(value) THEN RETURN NULL; END IF;
                i := i + 1;
            ELSIF piece = '%b' THEN
                head := lower(substr(value, i, 9) COLLATE "C");
                number := NULL;
                FOR m IN 1..12 LOOP
                    IF starts_with(head, names[m]) THEN number := m; count := length(names[m]); EXIT; END IF;
                    IF starts_with(head, left(names[m], 3)) THEN number := m; count := 3; EXIT; END IF;
                END LOOP;
                IF number IS NULL THEN RETURN NULL; END IF;
                month := number;
                i := i + count;
            ELSE
                least_digits := CASE piece WHEN '%Y' THEN 4 WHEN '%y' THEN 2 ELSE 1 END;
                most_digits := CASE piece WHEN '%Y' THEN 4 ELSE 2 END;
                count := length(substring(substr(value, i, most_digits) FROM '^[0-9]*'));
                IF count < least_digits THEN RETURN NULL; END IF;
                number := substr(value, i, count)::bigint;
                i := i + count;
                CASE piece
                    WHEN '%Y' THEN year := number;
                    WHEN '%y' THEN year := CASE WHEN number < 69 THEN 2000 + number ELSE 1900 + number END;
                    WHEN '%m' THEN month := number;
                    WHEN '%d' THEN day := number;
                    WHEN '%H' THEN IF number >= 24 THEN RETURN NULL; END IF; hour := number;
                    WHEN '%M' THEN IF number >= 60 THEN RETURN NULL; END IF; minute := number;
                    ELSE IF number >= 60 THEN RETURN NULL; END IF; second := number;
                END CASE;
            END IF;
        END LOOP;
        IF i <= length(value) THEN RETURN NULL; END IF;
        RETURN tei.seconds(year, month, day, hour, minute, second);
    END
    $fn$;
    """#

    /// Regular expressions: tei's are ICU's (on SQLite through NSRegularExpression). `tei.regex`
    /// translates one into PostgreSQL's ARE with the same meaning, and refuses, naming it, a
    /// construct ARE has no equivalent for. Where a function takes the text of a match (`extract`,
    /// `replace_regex`), it also refuses the constructs under which the two engines choose
    /// different matches: ICU takes the first alternative and the first way of matching that
    /// succeeds (lazy quantifiers as few as possible), ARE the longest match; with no `|`, no
    /// lazy quantifier and no quantified group, both choose the same. `~` asks only whether
    /// there is a match, which both answer alike, and takes them all.
    static var regex: String {
        #"""
        -- The ARE of a tei (ICU) regular expression and the number of its capturing groups.
        -- `purpose`: 'match' (any construct), 'replace' (the match's extent matters), 'extract' (as
        -- replace, and the whole pattern is wrapped in one more group, so that group 0 is the match).
        CREATE OR REPLACE FUNCTION tei.regex(pattern text, purpose text, OUT are text, OUT groups integer)
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        DECLARE
            word constant text := \#(literal(UnicodeClasses.word));
            digit constant text := \#(literal(UnicodeClasses.digit));
            space constant text := \#(literal(UnicodeClasses.space));
            terminator constant text := \#(literal(UnicodeClasses.lineTerminator));
            chars text[] := regexp_split_to_array(pattern, '');
            n integer := coalesce(array_length(chars, 1), 0);
            i integer := 1;
            c text;
            d text;
            hex text;
            body text;
            negated boolean;
            options text := '';
            insensitive boolean := false;
            dot_all boolean := false;
            open_groups text[] := '{}';
            lookarounds integer := 0;
            -- What the last atom was ('none' at the start of a branch, 'group', 'anchor' for ^, $
            -- and lookarounds, 'quantified' when no quantifier may follow, 'other'), and where it
            -- starts in `are`.
            last_atom text := 'none';
            atom_start integer := 0;
            group_starts integer[] := '{}';
            quantifier text;
            least integer;
            extent constant boolean := purpose <> 'match';
            shift constant integer := CASE WHEN purpose = 'extract' THEN 1 ELSE 0 END;
            flags text[];
        BEGIN
            are := '';
            groups := 0;
            flags := regexp_match(pattern, '^\(\?([a-zA-Z]+)\)');
            IF flags IS NOT NULL THEN
                IF flags[1] !~ '^[is]+$' THEN
                    PERFORM tei.regex_refuse(pattern, 'the flags (?' || flags[1] || ') (only i and s are)');
                END IF;
                insensitive := strpos(flags[1], 'i') > 0;
                IF insensitive THEN options := '(?i)'; END IF;
                dot_all := strpos(flags[1], 's') > 0;
                i := length(flags[1]) + 4;
            END IF;
            WHILE i <= n LOOP
                c := chars[i];
                IF c NOT IN ('*', '+', '?', '{', ')') THEN
                    atom_start := length(are);
                END IF;
                IF c = '\' THEN
                    d := chars[i + 1];
                    IF d IS NULL THEN
                        RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                    END IF;
                    i := i + 2;
                    -- ICU takes no quantifier after these, as after a quantifier.
                    last_atom := CASE WHEN d IN ('b', 'B', 'A', 'z', 'Z') THEN 'quantified' ELSE 'other' END;
                    IF d = 'd' THEN are := are || '[' || digit || ']';
                    ELSIF d = 'D' THEN are := are || '[^' || digit || ']';
                    ELSIF d = 'w' THEN are := are || '[' || word || ']';
                    ELSIF d = 'W' THEN are := are || '[^' || word || ']';
                    ELSIF d = 's' THEN are := are || '[' || space || ']';
                    ELSIF d = 'S' THEN are := are || '[^' || space || ']';
                    ELSIF d = 'b' THEN are := are || '\y';
                    ELSIF d = 'B' THEN are := are || '\Y';
                    ELSIF d = 'A' THEN are := are || '^';
                    ELSIF d = 'z' THEN are := are || '$';
                    ELSIF d = 'Z' THEN are := are || '(?=(?:\r\n|[' || terminator || '])?$)';
                    ELSIF d IN ('n', 't', 'r', 'f', 'a', 'e') THEN are := are || '\' || d;
                    ELSIF d IN ('x', 'u', 'U') THEN
                        IF d = 'x' AND chars[i] = '{' THEN
                            hex := substring(array_to_string(chars[i + 1:n], '') FROM '^([0-9a-fA-F]{1,6})\}');
                            i := i + coalesce(length(hex), 0) + 2;
                        ELSE
                            hex := substring(array_to_string(chars[i:n], '') FROM '^[0-9a-fA-F]{' || CASE d WHEN 'x' THEN 2 WHEN 'u' THEN 4 ELSE 8 END || '}');
                            i := i + coalesce(length(hex), 0);
                        END IF;
                        IF hex IS NULL THEN
                            RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                        END IF;
                        are := are || '\U' || lpad(hex, 8, '0');
                    ELSIF d = 'Q' THEN
                        WHILE i <= n AND NOT (chars[i] = '\' AND chars[i + 1] = 'E') LOOP
                            are := are || tei.regex_char(chars[i], insensitive);
                            i := i + 1;
                        END LOOP;
                        i := i + 2;
                    ELSIF d ~ '^[1-9]$' THEN
                        IF chars[i] ~ '^[0-9]$' THEN
                            PERFORM tei.regex_refuse(pattern, 'a back reference past group 9');
                        END IF;
                        IF lookarounds > 0 THEN
                            PERFORM tei.regex_refuse(pattern, 'a back reference inside a lookahead or lookbehind');
                        END IF;
                        are := are || '\' || (d::integer + shift);
                    ELSIF d ~ '^[A-Za-z0-9]$' THEN
                        PERFORM tei.regex_refuse(pattern, '\' || d);
                    ELSE
                        are := are || tei.regex_literal(d);
                    END IF;
                ELSIF c = '[' THEN
                    i := i + 1;
                    negated := chars[i] = '^';
                    IF negated THEN i := i + 1; END IF;
                    body := '';
                    LOOP
                        c := chars[i];
                        IF c IS NULL THEN
                            RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                        END IF;
                        i := i + 1;
                        EXIT WHEN c = ']' AND body <> '';
                        IF c = '[' OR (c = '&' AND chars[i] = '&') THEN
                            PERFORM tei.regex_refuse(pattern, 'a set inside [...] ([[:alpha:]], [a-z&&[^x]] and the like)');
                        ELSIF c = '\' THEN
                            d := chars[i];
                            i := i + 1;
                            IF d = 'd' THEN body := body || digit;
                            ELSIF d = 'w' THEN body := body || word;
                            ELSIF d = 's' THEN body := body || space;
                            ELSIF d IN ('n', 't', 'r', 'f', 'a', 'e') THEN body := body || '\' || d;
                            ELSIF d IN ('x', 'u', 'U') AND chars[i] <> '{' THEN
                                hex := substring(array_to_string(chars[i:n], '') FROM '^[0-9a-fA-F]{' || CASE d WHEN 'x' THEN 2 WHEN 'u' THEN 4 ELSE 8 END || '}');
                                IF hex IS NULL THEN
                                    RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                                END IF;
                                i := i + length(hex);
                                body := body || '\U' || lpad(hex, 8, '0');
                            ELSIF d ~ '^[A-Za-z0-9]$' OR d IS NULL THEN
                                PERFORM tei.regex_refuse(pattern, '\' || coalesce(d, '') || ' inside [...]');
                            ELSE
                                body := body || '\' || d;
                            END IF;
                        ELSIF insensitive AND chars[i] IS DISTINCT FROM '-' AND right(body, 1) <> '-' THEN
                            body := body || coalesce(tei.case_set(c), c);
                        ELSE
                            body := body || c;
                        END IF;
                    END LOOP;
                    are := are || '[' || CASE WHEN negated THEN '^' ELSE '' END || body || ']';
                    last_atom := 'other';
                ELSIF c = '(' THEN
                    group_starts := group_starts || length(are);
                    last_atom := 'none';
                    IF chars[i + 1] = '?' THEN
                        d := chars[i + 2];
                        IF d = ':' THEN
                            open_groups := open_groups || 'group'::text;
                            are := are || '(?:';
                            i := i + 3;
                        ELSIF d IN ('=', '!') OR (d = '<' AND chars[i + 3] IN ('=', '!')) THEN
                            open_groups := open_groups || 'look'::text;
                            lookarounds := lookarounds + 1;
                            are := are || '(?' || d || CASE WHEN d = '<' THEN chars[i + 3] ELSE '' END;
                            i := i + CASE WHEN d = '<' THEN 4 ELSE 3 END;
                        ELSIF d = '#' THEN
                            WHILE i <= n AND chars[i] <> ')' LOOP i := i + 1; END LOOP;
                            i := i + 1;
                            group_starts := group_starts[1:cardinality(group_starts) - 1];
                            last_atom := 'other';
                        ELSE
                            PERFORM tei.regex_refuse(pattern, '(?' || coalesce(d, '') || ' (named or atomic groups, flags past the start)');
                        END IF;
                    ELSE
                        IF lookarounds > 0 THEN
                            PERFORM tei.regex_refuse(pattern, 'a capturing group inside a lookahead or lookbehind');
                        END IF;
                        groups := groups + 1;
                        open_groups := open_groups || 'capture'::text;
                        are := are || '(';
                        i := i + 1;
                    END IF;
                ELSIF c = ')' THEN
                    IF cardinality(open_groups) = 0 THEN
                        RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                    END IF;
                    last_atom := 'group';
                    IF open_groups[cardinality(open_groups)] = 'look' THEN
                        lookarounds := lookarounds - 1;
                        last_atom := 'anchor';
                    END IF;
                    open_groups := open_groups[1:cardinality(open_groups) - 1];
                    atom_start := group_starts[cardinality(group_starts)];
                    group_starts := group_starts[1:cardinality(group_starts) - 1];
                    are := are || ')';
                    i := i + 1;
                ELSIF c IN ('*', '+', '?') OR (c = '{' AND array_to_string(chars[i:n], '') ~ '^\{[0-9]+(,[0-9]*)?\}') THEN
                    IF last_atom IN ('none', 'quantified') THEN
                        RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                    END IF;
                    IF last_atom = 'group' AND extent THEN
                        PERFORM tei.regex_refuse(pattern, 'a quantified group, as in (...)? or (...)*, in extract or replace_regex');
                    END IF;
                    quantifier := CASE WHEN c = '{' THEN substring(array_to_string(chars[i:n], '') FROM '^\{[0-9]+(?:,[0-9]*)?\}') ELSE c END;
                    least := CASE c WHEN '+' THEN 1 WHEN '{' THEN substring(quantifier FROM '[0-9]+')::integer ELSE 0 END;
                    i := i + length(quantifier);
                    IF chars[i] = '?' THEN
                        IF extent THEN
                            PERFORM tei.regex_refuse(pattern, 'a lazy quantifier (*? +? ?? {n,m}?) in extract or replace_regex');
                        END IF;
                        quantifier := quantifier || '?';
                        i := i + 1;
                    ELSIF chars[i] = '+' THEN
                        PERFORM tei.regex_refuse(pattern, 'a possessive quantifier (*+ ++ ?+)');
                    END IF;
                    IF last_atom = 'anchor' THEN
                        -- ARE refuses to repeat what matches no character; repeating it changes
                        -- nothing, and allowing none of it is leaving it out.
                        IF least = 0 THEN are := left(are, atom_start); END IF;
                    ELSE
                        are := are || quantifier;
                    END IF;
                    last_atom := 'quantified';
                ELSIF c = '|' THEN
                    IF extent THEN
                        PERFORM tei.regex_refuse(pattern, 'alternatives (|) in extract or replace_regex');
                    END IF;
                    are := are || '|';
                    last_atom := 'none';
                    i := i + 1;
                ELSIF c = '.' THEN
                    are := are || CASE WHEN dot_all THEN '.' ELSE '[^' || terminator || ']' END;
                    last_atom := 'other';
                    i := i + 1;
                ELSIF c = '^' THEN
                    are := are || '^';
                    last_atom := 'anchor';
                    i := i + 1;
                ELSIF c = '$' THEN
                    -- ICU's $: the end, or before a line terminator that ends the text.
                    are := are || '(?=(?:\r\n|[' || terminator || '])?$)';
                    last_atom := 'anchor';
                    i := i + 1;
                ELSIF c = '{' THEN
                    RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
                ELSE
                    are := are || tei.regex_char(c, insensitive);
                    last_atom := 'other';
                    i := i + 1;
                END IF;
            END LOOP;
            IF n = 0 OR pattern = '' THEN
                -- ICU refuses an empty pattern.
                RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
            END IF;
            IF cardinality(open_groups) > 0 THEN
                RAISE EXCEPTION USING MESSAGE = 'invalid regular expression: ' || pattern, ERRCODE = '2201B';
            END IF;
            are := options || CASE WHEN shift = 1 THEN '(' || are || ')' ELSE are END;
        END
        $fn$;

        -- The ARE alone, as text: the planner computes a call with constant arguments once, while
        -- planning, but never one that returns a record (tei.regex).
        CREATE OR REPLACE FUNCTION tei.regex_are(pattern text, purpose text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        BEGIN
            RETURN (tei.regex(pattern, purpose)).are;
        END
        $fn$;

        -- A character for itself in an ARE: ASCII punctuation escaped.
        CREATE OR REPLACE FUNCTION tei.regex_literal(c text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
            SELECT CASE WHEN c ~ '^[!-/:-@\[-`{-~]$' THEN '\' || c ELSE c END
        $fn$;

        -- The letters ICU's case-insensitive matching takes for `c` where they are more than its
        -- lower and upper case, which PostgreSQL's takes (`σ`: `Σσς`); NULL for other characters.
        CREATE OR REPLACE FUNCTION tei.case_set(c text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        DECLARE
            sets constant text := \#(literal(UnicodeClasses.caseInsensitiveSets));
            at integer := strpos(sets, c);
            head text;
        BEGIN
            IF at = 0 OR c = '|' OR c = '' THEN RETURN NULL; END IF;
            head := substr(sets, 1, at);
            RETURN split_part(substr(sets, length(head) - strpos(reverse(head), '|') + 2), '|', 1);
        END
        $fn$;

        -- A character outside brackets: under (?i), its case set as a bracket expression.
        CREATE OR REPLACE FUNCTION tei.regex_char(c text, insensitive boolean) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
            SELECT CASE WHEN insensitive AND tei.case_set(c) IS NOT NULL THEN '[' || tei.case_set(c) || ']' ELSE tei.regex_literal(c) END
        $fn$;

        CREATE OR REPLACE FUNCTION tei.regex_refuse(pattern text, construct text) RETURNS void
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = '2201B',
                MESSAGE = format('the regular expression %s uses %s, which PostgreSQL cannot match as tei does', pattern, construct),
                HINT = 'see "Functions and where the engines differ" in docs/postgres.md';
        END
        $fn$;

        -- The ARE for extract's group `grp` of `pattern`, failing as SQLite does for a group the
        -- pattern does not have.
        CREATE OR REPLACE FUNCTION tei.regex_for_extract(pattern text, grp bigint) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        DECLARE
            translated record := tei.regex(pattern, 'extract');
        BEGIN
            IF grp < 0 OR grp > translated.groups THEN
                RAISE EXCEPTION USING MESSAGE = format('extract: the regular expression has no group %s', grp), ERRCODE = '22023';
            END IF;
            RETURN translated.are;
        END
        $fn$;

        -- The replacement for regexp_replace of tei's template (NSRegularExpression's): `\c` is c,
        -- `$n` group n (more digits taken while the number is a group), `$0` the match, a group
        -- past the last nothing, `$` before anything else a dollar sign.
        CREATE OR REPLACE FUNCTION tei.regex_template(pattern text, template text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        DECLARE
            groups integer := (tei.regex(pattern, 'replace')).groups;
            chars text[] := regexp_split_to_array(template, '');
            n integer := coalesce(array_length(chars, 1), 0);
            i integer := 1;
            c text;
            number integer;
            result text := '';
        BEGIN
            WHILE i <= n LOOP
                c := chars[i];
                IF c = '\' THEN
                    IF i < n THEN
                        result := result || CASE WHEN chars[i + 1] = '\' THEN '\\' ELSE chars[i + 1] END;
                    END IF;
                    i := i + 2;
                ELSIF c = '$' AND chars[i + 1] ~ '^[0-9]$' THEN
                    number := chars[i + 1]::integer;
                    i := i + 2;
                    WHILE chars[i] ~ '^[0-9]$' AND number * 10 + chars[i]::integer <= groups LOOP
                        number := number * 10 + chars[i]::integer;
                        i := i + 1;
                    END LOOP;
                    IF number = 0 THEN
                        result := result || '\&';
                    ELSIF number <= groups THEN
                        IF number > 9 THEN
                            PERFORM tei.regex_refuse(pattern, 'a replacement naming a group past 9');
                        END IF;
                        result := result || '\' || number;
                    END IF;
                ELSE
                    result := result || c;
                    i := i + 1;
                END IF;
            END LOOP;
            RETURN result;
        END
        $fn$;

        -- SQLite's `regexp(pattern, text)`, behind tei's `~`.
        CREATE OR REPLACE FUNCTION tei.regexp(pattern text, value text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT (value COLLATE "und-x-icu") ~ tei.regex_are(pattern, 'match')
        $fn$;

        -- The text of group `grp` (0: the whole match) of the first match; NULL when nothing
        -- matches or the group took no part.
        CREATE OR REPLACE FUNCTION tei.tei_extract(value text, pattern text, grp bigint) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT (regexp_match(value COLLATE "und-x-icu", tei.regex_for_extract(pattern, grp)))[grp + 1]
        $fn$;

        CREATE OR REPLACE FUNCTION tei.tei_replace_regex(value text, pattern text, replacement text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
            SELECT regexp_replace(value COLLATE "und-x-icu", tei.regex_are(pattern, 'replace'),
                                  tei.regex_template(pattern, replacement), 'g')
        $fn$;
        """#
    }

    /// The aggregates, with SQLite's NULL and order rules: NULLs are left out, what is gathered is
    /// sorted (text by code point: the C collation), a second argument is the first non-NULL one.
    /// The state is an array that `array_append` grows in place; `percentile` and `join_text`
    /// keep their second argument in its first element.
    static let aggregates = #"""
    -- Keeps the first non-NULL `setting` in element 1, then appends `value` unless NULL.
    CREATE OR REPLACE FUNCTION tei.gather_step(state double precision[], value double precision, setting double precision)
    RETURNS double precision[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
    BEGIN
        IF state IS NULL THEN state := ARRAY[setting]; ELSIF state[1] IS NULL THEN state[1] := setting; END IF;
        IF value IS NOT NULL THEN state := array_append(state, value); END IF;
        RETURN state;
    END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.gather_step(state text[], value text, setting text)
    RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
    BEGIN
        IF state IS NULL THEN state := ARRAY[setting]; ELSIF state[1] IS NULL THEN state[1] := setting; END IF;
        IF value IS NOT NULL THEN state := array_append(state, value); END IF;
        RETURN state;
    END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.gather_combine(a anyarray, b anyarray) RETURNS anyarray
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
                    ELSE ARRAY[coalesce(a[1], b[1])] || a[2:] || b[2:] END
    $fn$;

    -- The value `fraction` of the way through the sorted values, interpolating between the two
    -- nearest (DuckDB's quantile_cont), in the same floating-point steps as tei's.
    CREATE OR REPLACE FUNCTION tei.interpolated(sorted double precision[], fraction double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
        position double precision := (cardinality(sorted) - 1)::double precision * fraction;
        below integer := floor(position)::integer;
        above integer := ceil(position)::integer;
    BEGIN
        IF below = above THEN RETURN sorted[below + 1]; END IF;
        RETURN sorted[below + 1] + (position - below::double precision) * (sorted[above + 1] - sorted[below + 1]);
    END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.percentile_final(state double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE
            WHEN coalesce(cardinality(state), 0) <= 1 THEN NULL
            WHEN state[1] IS NULL OR NOT state[1] BETWEEN 0 AND 1 THEN tei.fail('percentile takes a fraction from 0 to 1')::double precision
            ELSE tei.interpolated(ARRAY(SELECT v FROM unnest(state[2:]) AS v ORDER BY v), state[1])
        END
    $fn$;

    CREATE OR REPLACE FUNCTION tei.median_final(state double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT tei.interpolated(ARRAY(SELECT v FROM unnest(state) AS v WHERE v IS NOT NULL ORDER BY v), 0.5)
        WHERE EXISTS (SELECT FROM unnest(state) AS v WHERE v IS NOT NULL)
    $fn$;

    -- The most frequent value; of several equally frequent, the smallest (text by code point).
    CREATE OR REPLACE FUNCTION tei.mode_final(state anycompatiblearray) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT v FROM unnest(state) AS v WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT 1
    $fn$;

    CREATE OR REPLACE FUNCTION tei.mode_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT v FROM unnest(state) AS v WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v COLLATE "C" LIMIT 1
    $fn$;

    CREATE OR REPLACE FUNCTION tei.collect_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT tei.json_array(state, false) $fn$;

    CREATE OR REPLACE FUNCTION tei.collect_distinct_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT tei.json_array(state, true) $fn$;

    CREATE OR REPLACE FUNCTION tei.join_text_final(state text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT string_agg(v, coalesce(state[1], '') ORDER BY v COLLATE "C") FROM unnest(state[2:]) AS v
    $fn$;

    CREATE OR REPLACE AGGREGATE tei.tei_percentile(double precision, double precision) (
        SFUNC = tei.gather_step, STYPE = double precision[], FINALFUNC = tei.percentile_final,
        COMBINEFUNC = tei.gather_combine, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.median(double precision) (
        SFUNC = array_append, STYPE = double precision[], FINALFUNC = tei.median_final,
        COMBINEFUNC = array_cat, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.tei_mode(anycompatible) (
        SFUNC = array_append, STYPE = anycompatiblearray, FINALFUNC = tei.mode_final, COMBINEFUNC = array_cat, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.tei_mode(text) (
        SFUNC = array_append, STYPE = text[], FINALFUNC = tei.mode_final, COMBINEFUNC = array_cat, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.tei_collect(text) (
        SFUNC = array_append, STYPE = text[], FINALFUNC = tei.collect_final, INITCOND = '{}',
        COMBINEFUNC = array_cat, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.tei_collect_distinct(text) (
        SFUNC = array_append, STYPE = text[], FINALFUNC = tei.collect_distinct_final, INITCOND = '{}',
        COMBINEFUNC = array_cat, PARALLEL = SAFE);
    CREATE OR REPLACE AGGREGATE tei.tei_join_text(text, text) (
        SFUNC = tei.gather_step, STYPE = text[], FINALFUNC = tei.join_text_final,
        COMBINEFUNC = tei.gather_combine, PARALLEL = SAFE);
    """#

    /// `text` as a SQL string literal (standard-conforming: only `'` is doubled).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
