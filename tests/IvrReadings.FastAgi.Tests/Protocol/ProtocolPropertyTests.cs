using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IvrReadings.AsteriskSim;
using IvrReadings.FastAgi.Tests.Support;

namespace IvrReadings.FastAgi.Tests.Protocol;

/// <summary>FsCheck properties of the wire format: fresh random cases on every run (a failure prints the seed).</summary>
public sealed class ProtocolPropertyTests
{
    private const int Max = 8192;

    private static readonly string[] CommandNames =
        ["ANSWER", "STREAM FILE", "GET DATA", "SAY DIGITS", "SAY NUMBER", "WAIT FOR DIGIT", "RECORD FILE", "SET VARIABLE",
         "GET FULL VARIABLE", "EXEC", "VERBOSE", "HANGUP", "NOOP"];

    // Characters that matter to the splitter, plus ordinary text in the product's languages.
    private static readonly char[] Alphabet =
        [' ', ' ', '\t', '"', '"', '\\', '\\', '#', '(', ')', '=', '-', '/', 'a', 'Z', '0', '9', 'ж', 'ї', '€'];

    [Property(MaxTest = 1_000)]
    public Property A_formatted_command_splits_back_into_its_name_and_arguments() =>
        Prop.ForAll(Gen.Elements(CommandNames).ToArbitrary(), Arguments, (name, arguments) =>
        {
            var command = new AgiCommand(name, arguments);

            var tokens = AgiArgumentSplitter.Split(command.ToString());

            var expected = name.Split(' ').Concat(arguments.Select(a => a.Value)).ToArray();
            return tokens.SequenceEqual(expected)
                ? true
                : throw new Xunit.Sdk.XunitException($"[{command}] split into [{string.Join("|", tokens)}]");
        });

    [Property(MaxTest = 1_000)]
    public Property The_reply_parser_gives_the_same_messages_under_any_segmentation() =>
        Prop.ForAll(ReplyStreams, Gen.Choose(0, int.MaxValue).ArrayOf().ToArbitrary(), (stream, seeds) =>
        {
            var bytes = Encoding.UTF8.GetBytes(stream);
            var cuts = seeds.Select(s => bytes.Length < 2 ? 0 : 1 + (s % (bytes.Length - 1)))
                .Where(c => c > 0).Distinct().Order().ToArray();
            var whole = ParseAll(new ReadOnlySequence<byte>(bytes));

            var segmented = ParseAll(Segments.CutAt(bytes, cuts));
            var arriving = ParseArriving(bytes, cuts);

            Assert.Equal(whole, segmented);
            Assert.Equal(whole, arriving);
            return true;
        });

    private static Arbitrary<AgiArgument[]> Arguments =>
        Gen.OneOf(
                Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)),
                ArbMap.Default.GeneratorFor<string>()
                    .Select(s => s is null ? string.Empty : new string(s.Where(c => c is not ('\r' or '\n') && !char.IsSurrogate(c)).ToArray())))
            .Zip(ArbMap.Default.GeneratorFor<bool>())
            .Select(pair => new AgiArgument(pair.Item1, pair.Item2))
            .ArrayOf()
            .ToArbitrary();

    // A stream of replies as Asterisk writes them, sometimes ending in a line that is not AGI.
    private static Arbitrary<string> ReplyStreams =>
        Gen.OneOf(
                Gen.Choose(-2, 300).Select(r => $"200 result={r}\n"),
                Gen.Choose(0, 99).Select(r => $"200 result=0{r}\n"),
                Gen.Elements(Alphabet).ArrayOf().Zip(Gen.Choose(-1, 200_000))
                    .Select(p => $"200 result=1 ({new string(p.Item1).Replace("\t", "", StringComparison.Ordinal)}) endpos={p.Item2}\n"),
                Gen.Elements(
                    "200 result= (timeout)\n",
                    "200 result=-1 (hangup) endpos=8000\n",
                    "510 Invalid or unknown command\n",
                    "511 Command Not Permitted on a dead channel or intercept routine\n",
                    "520-Invalid command syntax.  Proper usage follows:\nUsage: STREAM FILE <filename> <escape digits>\n\n520 End of proper usage.\n",
                    "HANGUP\n"))
            .ArrayOf()
            .Zip(Gen.Elements(string.Empty, string.Empty, "garbage\n", "20\n", "200 resul\n"))
            .Select(p => string.Concat(p.Item1) + p.Item2)
            .ToArbitrary();

    private static Outcome ParseAll(ReadOnlySequence<byte> buffer)
    {
        var messages = new List<AgiMessage>();
        try
        {
            while (AgiResponseParser.TryParse(ref buffer, Max, out var message))
            {
                messages.Add(message);
            }
        }
        catch (AgiProtocolException ex)
        {
            return new Outcome(messages, ex.Message, buffer.Length);
        }

        return new Outcome(messages, null, buffer.Length);
    }

    // As a socket delivers them: each segment appended to what is left unparsed, then parsed as far as it goes.
    private static Outcome ParseArriving(byte[] bytes, int[] cuts)
    {
        var messages = new List<AgiMessage>();
        var pending = Array.Empty<byte>();
        var start = 0;
        foreach (var end in cuts.Append(bytes.Length))
        {
            pending = [.. pending, .. bytes.AsSpan(start, end - start)];
            start = end;
            var buffer = new ReadOnlySequence<byte>(pending);
            try
            {
                while (AgiResponseParser.TryParse(ref buffer, Max, out var message))
                {
                    messages.Add(message);
                }
            }
            catch (AgiProtocolException ex)
            {
                return new Outcome(messages, ex.Message, buffer.Length);
            }

            pending = buffer.ToArray();
        }

        return new Outcome(messages, null, pending.Length);
    }

    private sealed record Outcome(List<AgiMessage> Messages, string? Error, long Left)
    {
        public bool Equals(Outcome? other) =>
            other is not null && Messages.SequenceEqual(other.Messages) && Error == other.Error && Left == other.Left;

        public override int GetHashCode() => HashCode.Combine(Messages.Count, Error, Left);

        public override string ToString() => $"{Messages.Count} messages, error {Error ?? "none"}, {Left} bytes left";
    }
}
