using System.Globalization;
using System.Text;

namespace Dnssec.Replay;

/// <summary>
/// Testbound's macro language (macro_process and macro_expand in testcode/replay.c of the unbound repository), with
/// which the autotrust scenarios compute times: <c>${$name}</c> (or <c>$name</c> inside a macro) is a variable set by
/// ASSIGN, <c>${time}</c> the fake clock in Unix seconds, <c>${timeout}</c> the seconds until the runner's next timer,
/// <c>${ctime X}</c> C's ctime of X in UTC without the newline, <c>${range LO X HI}</c> X when it lies in [LO, HI],
/// and otherwise the body is arithmetic on whole numbers with <c>+ - * /</c>. Macros nest; text outside them is copied.
/// </summary>
/// <remarks>
/// As in testbound, arithmetic runs strictly from left to right without precedence (<c>${2 + 3 * 4}</c> is 20), since
/// the scenarios' expected values were computed that way. Testbound computes in doubles; here values are whole
/// numbers, and a division that leaves a remainder is an error rather than a fraction. Where testbound copies a word
/// it does not know, or silently cuts a macro without its closing brace, this evaluator throws.
/// </remarks>
public sealed class ReplayMacros
{
    private readonly IReadOnlyDictionary<string, long> _variables;
    private readonly Func<long> _time;
    private readonly Func<long?>? _timeout;

    /// <summary>
    /// An evaluator reading <paramref name="variables"/> (which the caller may change between calls, as ASSIGN does),
    /// the fake clock <paramref name="time"/> in Unix seconds, and <paramref name="timeout"/>, the seconds until the
    /// next timer, or null when none is pending; without <paramref name="timeout"/>, <c>${timeout}</c> is an error.
    /// </summary>
    public ReplayMacros(IReadOnlyDictionary<string, long> variables, Func<long> time, Func<long?>? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(time);
        _variables = variables;
        _time = time;
        _timeout = timeout;
    }

    /// <summary>The text with every macro replaced by its value and the rest copied, as a CHECK_AUTOTRUST line is compared.</summary>
    /// <exception cref="FormatException">A macro cannot be evaluated; the message names it.</exception>
    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var expanded = new StringBuilder();
        int at = 0;
        for (int start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", at, StringComparison.Ordinal))
        {
            expanded.Append(text, at, start - at);
            at = ClosingBrace(text, start) + 1;
            expanded.Append(Body(text[start..at]));
        }

        return expanded.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The whole number <paramref name="text"/> expands to, as ASSIGN stores it and TIME_PASSES EVAL moves the clock.</summary>
    /// <exception cref="FormatException">A macro cannot be evaluated, or the expansion is no whole number.</exception>
    public long Evaluate(string text)
    {
        string expanded = Expand(text).Trim();
        return long.TryParse(expanded, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"'{text}' expands to '{expanded}', which is no whole number");
    }

    /// <summary>The index of the brace that closes the macro starting at <paramref name="start"/>, counting nested macros.</summary>
    private static int ClosingBrace(string text, int start)
    {
        int depth = 0;
        for (int i = start + 2; i < text.Length; i++)
        {
            if (text[i] == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                depth++;
                i++;
            }
        }

        throw new FormatException($"'{text[start..]}' has no closing brace");
    }

    /// <summary>The value of one macro, <paramref name="macro"/> being its whole text from <c>${</c> to <c>}</c>.</summary>
    private string Body(string macro)
    {
        var reader = new ExpressionReader(this, macro, 2, macro.Length - 1);
        reader.SkipBlanks();
        if (reader.AtEnd)
        {
            // Testbound expands an empty macro to nothing.
            return "";
        }

        string function = reader.PeekWord();
        switch (function)
        {
            case "time" or "timeout":
                reader.SkipWord();
                reader.ExpectEnd();
                return Format(function == "time" ? _time() : Timeout(macro));
            case "ctime":
                reader.SkipWord();
                long moment = reader.Expression();
                reader.ExpectEnd();
                return Ctime(macro, moment);
            case "range":
                reader.SkipWord();
                long low = reader.Expression();
                long value = reader.Expression();
                long high = reader.Expression();
                reader.ExpectEnd();
                return low <= value && value <= high ? Format(value) : throw Error(macro, $"{Format(value)} is not in [{Format(low)}, {Format(high)}]");
            case "":
                long result = reader.Expression();
                reader.ExpectEnd();
                return Format(result);
            default:
                throw Error(macro, $"unknown function '{function}'");
        }
    }

    /// <summary>
    /// Testbound's <c>${timeout}</c>: the seconds from now to the earliest pending timer, 0 when none is pending or
    /// when it is already due.
    /// </summary>
    private long Timeout(string macro)
    {
        if (_timeout is null)
        {
            throw Error(macro, "the runner offers no timer to measure");
        }

        return _timeout() is long seconds && seconds > 0 ? seconds : 0;
    }

    /// <summary>C's ctime in UTC (testbound sets TZ=UTC) without its newline: <c>Mon Aug 24 07:46:40 2009</c>, the day padded with a blank.</summary>
    private static string Ctime(string macro, long seconds)
    {
        DateTimeOffset moment;
        try
        {
            moment = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Error(macro, $"{Format(seconds)} is no date");
        }

        CultureInfo invariant = CultureInfo.InvariantCulture;
        return string.Create(invariant, $"{moment.ToString("ddd MMM", invariant)} {moment.Day,2} {moment.ToString("HH:mm:ss", invariant)} {moment.Year}");
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static FormatException Error(string macro, string what) => new($"{macro}: {what}");

    /// <summary>Reads whole-number expressions from a macro's body, between <c>start</c> and <c>end</c> of its text.</summary>
    private sealed class ExpressionReader(ReplayMacros macros, string macro, int start, int end)
    {
        private int _at = start;

        public bool AtEnd => _at >= end;

        public void SkipBlanks()
        {
            while (_at < end && char.IsWhiteSpace(macro[_at]))
            {
                _at++;
            }
        }

        /// <summary>The letters, digits and underscores at the current position when they start with a letter, or empty.</summary>
        public string PeekWord() => char.IsAsciiLetter(macro[_at]) ? macro[_at..WordEnd(_at)] : "";

        public void SkipWord() => _at = WordEnd(_at);

        public void ExpectEnd()
        {
            SkipBlanks();
            if (!AtEnd)
            {
                throw Error(macro, $"unexpected '{macro[_at..end]}'");
            }
        }

        /// <summary>Numbers joined by operators, worked out from left to right as testbound does; it ends before a term that follows a term.</summary>
        public long Expression()
        {
            long value = Term();
            while (true)
            {
                SkipBlanks();
                if (AtEnd || macro[_at] is not ('+' or '-' or '*' or '/'))
                {
                    return value;
                }

                char operation = macro[_at++];
                value = Apply(value, operation, Term());
            }
        }

        private long Term()
        {
            SkipBlanks();
            if (AtEnd)
            {
                throw Error(macro, "a number is missing");
            }

            if (macro[_at] == '$' && _at + 1 < end && macro[_at + 1] == '{')
            {
                int close = ClosingBrace(macro, _at);
                string nested = macro[_at..(close + 1)];
                _at = close + 1;
                string value = macros.Body(nested);
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
                    ? number
                    : throw Error(macro, $"{nested} gives '{value}', which is no number");
            }

            if (macro[_at] == '$')
            {
                int nameEnd = WordEnd(_at + 1);
                string name = macro[(_at + 1)..nameEnd];
                _at = nameEnd;
                return name.Length > 0 && macros._variables.TryGetValue(name, out long value)
                    ? value
                    : throw Error(macro, $"variable ${name} is not set");
            }

            if (char.IsAsciiDigit(macro[_at]))
            {
                int digits = _at;
                while (_at < end && char.IsAsciiDigit(macro[_at]))
                {
                    _at++;
                }

                return long.TryParse(macro.AsSpan(digits, _at - digits), NumberStyles.None, CultureInfo.InvariantCulture, out long number)
                    ? number
                    : throw Error(macro, $"{macro[digits.._at]} is too large");
            }

            throw Error(macro, $"a number is expected at '{macro[_at..end]}'");
        }

        private long Apply(long left, char operation, long right)
        {
            try
            {
                return operation switch
                {
                    '+' => checked(left + right),
                    '-' => checked(left - right),
                    '*' => checked(left * right),
                    _ when right == 0 => throw Error(macro, "division by zero"),
                    _ when left % right != 0 => throw Error(macro, $"{Format(left)} / {Format(right)} is no whole number"),
                    _ => left / right,
                };
            }
            catch (OverflowException)
            {
                throw Error(macro, "the result is too large");
            }
        }

        private int WordEnd(int from)
        {
            while (from < end && (char.IsAsciiLetterOrDigit(macro[from]) || macro[from] == '_'))
            {
                from++;
            }

            return from;
        }
    }
}
