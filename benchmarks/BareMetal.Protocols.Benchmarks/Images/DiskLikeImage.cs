namespace BareMetal.Protocols.Benchmarks.Images;

/// <summary>
/// Deterministic bytes that compress like a disk image (a mix of incompressible data, text-like runs built from a
/// small vocabulary, and zeroed space), so the decoders work on realistic block types rather than on only one.
/// </summary>
internal static class DiskLikeImage
{
    public static byte[] Create(int length)
    {
        var data = new byte[length];
        var random = new Random(42);
        var words = Enumerable.Range(0, 512).Select(_ => RandomWord(random)).ToArray();
        const int Chunk = 64 * 1024;
        for (var offset = 0; offset < length; offset += Chunk)
        {
            var span = data.AsSpan(offset, Math.Min(Chunk, length - offset));
            switch ((offset / Chunk) % 4)
            {
                case 0:
                    random.NextBytes(span);
                    break;
                case 1:
                    break;
                default:
                    for (var i = 0; i < span.Length;)
                    {
                        var word = words[random.Next(words.Length)];
                        var n = Math.Min(word.Length, span.Length - i);
                        word.AsSpan(0, n).CopyTo(span[i..]);
                        i += n;
                    }

                    break;
            }
        }

        return data;
    }

    private static byte[] RandomWord(Random random)
    {
        var word = new byte[random.Next(2, 12) + 1];
        for (var i = 0; i < word.Length - 1; i++)
        {
            word[i] = (byte)random.Next('a', 'z' + 1);
        }

        word[^1] = (byte)' ';
        return word;
    }
}
