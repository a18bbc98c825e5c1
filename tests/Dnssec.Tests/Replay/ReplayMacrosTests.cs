using Dnssec.Replay;

namespace Dnssec.Tests.Replay;

/// <summary>Testbound's macro language as the autotrust scenarios use it (testcode/replay.c in the unbound repository).</summary>
public class ReplayMacrosTests
{
    private const long Now = 1258969600;

    private static readonly Dictionary<string, long> Variables = new(StringComparer.Ordinal)
    {
        ["t0"] = 1258962400,
        ["probe0"] = 3600,
        ["probe"] = 5000,
        ["probe2"] = 100,
        ["x"] = 1,
        ["y"] = 2,
    };

    [Theory]
    [InlineData("${0}", 0, "a plain number")]
    [InlineData("${3010}", 3010, "a plain number")]
    [InlineData("${10*24*3600}", 864000, "a product")]
    [InlineData("${1258962400 + 7200}", 1258969600, "a sum with blanks")]
    [InlineData("${1253688984 + 7200 + 10800}", 1253706984, "a longer sum")]
    [InlineData("${$t0+$probe0}", 1258966000, "variables without blanks")]
    [InlineData("${$t0 + $probe + $probe2}", 1258967500, "three variables")]
    [InlineData("${$x - $x}", 0, "a difference")]
    [InlineData("${10 - 15}", -5, "a negative result")]
    [InlineData("${32 / $y + $x + $y}", 19, "testbound's own example")]
    [InlineData("${ ${20*24*3600} - 3000 }", 1725000, "a nested macro with blanks around it")]
    [InlineData("${32 / ${$y+$y} + ${${100*3}/3}}", 108, "macros nested twice, testbound's own example")]
    [InlineData("${$probe}", 5000, "a variable")]
    [InlineData("${time}", Now, "the clock")]
    [InlineData("${timeout}", 4000, "the seconds to the next timer")]
    [InlineData("${range 3200 ${timeout} 5400}", 4000, "a range that holds the value")]
    [InlineData("${range 4000 ${timeout} 4000}", 4000, "a range of one value")]
    [InlineData("3600", 3600, "text without a macro")]
    public void Evaluate_Expression_GivesTheValue(string text, long expected, string description)
    {
        long value = Macros().Evaluate(text);

        Assert.True(expected == value, $"{description}: {text} gave {value}, not {expected}");
    }

    [Theory]
    [InlineData("${2 + 3 * 4}", 20)]
    [InlineData("${2 * 3 + 4}", 10)]
    [InlineData("${20 - 6 / 2}", 7)]
    public void Evaluate_MixedOperators_WorksFromLeftToRightAsTestboundDoes(string text, long expected)
    {
        // Testbound folds each "number operator number" as it reads it, without precedence; the scenarios' expected
        // values come from testbound, so this evaluator must agree with it.
        Assert.Equal(expected, Macros().Evaluate(text));
    }

    [Theory]
    [InlineData("${ctime 1251100000}", "Mon Aug 24 07:46:40 2009")]
    [InlineData("${ctime 0}", "Thu Jan  1 00:00:00 1970")]
    [InlineData("${ctime 123456}", "Fri Jan  2 10:17:36 1970")]
    [InlineData("${ctime $t0}", "Mon Nov 23 07:46:40 2009")]
    [InlineData("${ctime $t0 + $probe0}", "Mon Nov 23 08:46:40 2009")]
    [InlineData("${ctime ${time}}", "Mon Nov 23 09:46:40 2009")]
    public void Expand_Ctime_WritesCsCtimeInUtcWithoutTheNewline(string text, string expected)
    {
        Assert.Equal(expected, Macros().Expand(text));
    }

    [Fact]
    public void Expand_TextAroundMacros_IsCopied()
    {
        string line = ";;last_queried: ${$t0} ;;${ctime $t0}";

        Assert.Equal(";;last_queried: 1258962400 ;;Mon Nov 23 07:46:40 2009", Macros().Expand(line));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("no macro, a } and a $x", "no macro, a } and a $x")]
    [InlineData("1${$y}2${$y}3", "12223")]
    [InlineData("a ${} b", "a  b")]
    public void Expand_Text_CopiesAllButTheMacros(string text, string expected)
    {
        Assert.Equal(expected, Macros().Expand(text));
    }

    [Fact]
    public void Evaluate_VariableChangedAfterConstruction_ReadsTheNewValue()
    {
        // The runner's ASSIGN steps write to the dictionary that the evaluator reads.
        var variables = new Dictionary<string, long>(StringComparer.Ordinal) { ["t1"] = 1 };
        var macros = new ReplayMacros(variables, () => Now);

        variables["t1"] = 42;

        Assert.Equal(42, macros.Evaluate("${$t1}"));
    }

    [Theory]
    [InlineData(null, 0L)]
    [InlineData(-5L, 0L)]
    [InlineData(0L, 0L)]
    [InlineData(3500L, 3500L)]
    public void Evaluate_Timeout_IsZeroWithoutATimerOrWhenItIsDue(long? untilTimer, long expected)
    {
        // Testbound gives 0 when no timer is set or the first is already due; the autotrust scenarios check
        // ${range 0 ${timeout} 0} to say that no probe is planned.
        var macros = new ReplayMacros(Variables, () => Now, () => untilTimer);

        Assert.Equal(expected, macros.Evaluate("${timeout}"));
    }

    [Theory]
    [InlineData("${range 3200 ${timeout} 3600}", "4000 is not in [3200, 3600]", "a value above the range")]
    [InlineData("${range 4800 ${timeout} 5400}", "4000 is not in [4800, 5400]", "a value below the range")]
    [InlineData("${range 0 ${timeout} 0}", "4000 is not in [0, 0]", "a range of one value")]
    [InlineData("${$t9}", "variable $t9 is not set", "an unknown variable")]
    [InlineData("${ctime $tp}", "variable $tp is not set", "an unknown variable in a function")]
    [InlineData("${$}", "variable $ is not set", "a '$' without a name")]
    [InlineData("${now}", "unknown function 'now'", "an unknown function")]
    [InlineData("${ctime}", "a number is missing", "a function without its argument")]
    [InlineData("${range 1 2}", "a number is missing", "a range without its upper bound")]
    [InlineData("${10*24*3600", "has no closing brace", "a missing brace")]
    [InlineData("${ ${1 }", "has no closing brace", "a missing outer brace")]
    [InlineData("${1 2}", "unexpected '2'", "two numbers without an operator")]
    [InlineData("${1 +}", "a number is missing", "an operator without its right side")]
    [InlineData("${1 % 2}", "unexpected '% 2'", "an operator testbound does not know")]
    [InlineData("${7 / 2}", "7 / 2 is no whole number", "a fraction")]
    [InlineData("${7 / 0}", "division by zero", "a division by zero")]
    [InlineData("${9223372036854775807 + 1}", "too large", "an overflow")]
    [InlineData("${99999999999999999999}", "too large", "a number beyond a long")]
    [InlineData("${ctime 999999999999999}", "is no date", "a moment beyond the calendar")]
    [InlineData("${1 + ${ctime 0}}", "which is no number", "a date inside arithmetic")]
    public void Evaluate_Malformed_ThrowsFormatExceptionNamingTheMacro(string text, string what, string description)
    {
        FormatException e = Assert.Throws<FormatException>(() => Macros().Evaluate(text));

        Assert.True(e.Message.Contains(what, StringComparison.Ordinal), $"{description}: {e.Message}");
        Assert.True(e.Message.Contains("${", StringComparison.Ordinal), $"{description}: the message names no macro: {e.Message}");
    }

    [Fact]
    public void Evaluate_TimeoutWithoutATimerSource_ThrowsFormatException()
    {
        var macros = new ReplayMacros(Variables, () => Now);

        FormatException e = Assert.Throws<FormatException>(() => macros.Evaluate("${range 3200 ${timeout} 3600}"));

        Assert.Contains("${timeout}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExpansionThatIsNoNumber_ThrowsFormatException()
    {
        FormatException e = Assert.Throws<FormatException>(() => Macros().Evaluate("${ctime 0}"));

        Assert.Contains("no whole number", e.Message, StringComparison.Ordinal);
    }

    private static ReplayMacros Macros() => new(Variables, () => Now, () => 4000);
}
