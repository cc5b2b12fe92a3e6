using System.Text;
using Gateway.Core.Framing;

namespace Gateway.Core.Tests.Framing;

/// <summary>
/// Random bodies made of the protocol's own characters, framed with a valid checksum so that decoding goes
/// past the envelope. Nothing throws, and every accepted frame is written back by <see cref="FrameWriter"/>
/// into a line that decodes to the same frame: the writer accepts all the reader accepts.
/// </summary>
public class FuzzTests
{
    private const string Alphabet = "HREANCZr,,,,===:::;;;..--+_%%0123456789ABCDEFabcdefpidbotfwverivsro x\t\u00e9";

    private static readonly string[] Seeds =
    [
        "H,0,p=1,id=3F9A2C71D04B8E15,boot=0000002A,fw=a,ver=1,iv=1,s=t:C,o=1:a",
        "R,1,t=21.5,h=-4e2",
        "E,2,fault,x%2Cy",
        "A,3,4,iv=100",
        "N,3,4,badarg,why",
        "C,5,out,7,1",
    ];

    [Fact]
    public void Checksummed_random_frames_never_throw_and_accepted_ones_round_trip()
    {
        var random = new Random(4242);
        var reader = new FrameReader();
        int accepted = 0;
        for (int round = 0; round < 60_000; round++)
        {
            string body = Mutate(random, Seeds[random.Next(Seeds.Length)]);
            byte[] line = [.. Encoding.Latin1.GetBytes("$" + body + "*"), .. Encoding.ASCII.GetBytes(Checksum(body) + "\n")];

            foreach (LinkItem item in LinkFeeder.ReadComplete(reader, line))
            {
                if (item.Kind != LinkItemKind.Frame)
                {
                    continue;
                }

                accepted++;
                string written = FrameWriter.ToLine(item.Frame!);
                LinkItem again = Assert.Single(LinkFeeder.ReadComplete(new FrameReader(), Encoding.ASCII.GetBytes(written)));
                Assert.Equal(Describe.Frame(item.Frame!), again.Frame is null ? $"{again.Rejection} {written}" : Describe.Frame(again.Frame));
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} frames accepted");
    }

    [Fact]
    public void A_frame_with_an_empty_body_and_its_valid_checksum_is_malformed()
    {
        Assert.Equal(["Malformed $*FFFF"], ReaderTestKit.Read("$*FFFF\n"));
    }

    private static string Mutate(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        for (int edits = random.Next(4); edits > 0; edits--)
        {
            int position = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0 when position < text.Length:
                    text.Remove(position, 1);
                    break;
                case 1 when position < text.Length:
                    text[position] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                default:
                    text.Insert(position, Alphabet[random.Next(Alphabet.Length)]);
                    break;
            }
        }

        return text.ToString();
    }

    private static string Checksum(string body)
    {
        ushort crc = ReferenceCrc.Compute(Encoding.Latin1.GetBytes(body));
        return crc.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
    }
}
