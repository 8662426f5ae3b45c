using System.Security.Cryptography;
using System.Text;
using PlanLink.Ingest.Csv;

namespace PlanLink.Ingest.Anonymise;

/// <summary>The council's secret for person_key: the same key in every office makes the same person
/// the same key everywhere, and without it a key cannot be traced back to a 受給者証番号.</summary>
public sealed class CouncilKey
{
    /// <summary>The shortest secret accepted, in bytes (256 bits, the HMAC-SHA256 block strength).</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    private CouncilKey(byte[] key) => _key = key;

    /// <summary>Loads the key file: its text (UTF-8, surrounding whitespace trimmed) is the secret.</summary>
    /// <exception cref="InputRefusedException">No file, or a key shorter than <see cref="MinimumBytes"/>.</exception>
    public static CouncilKey Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new InputRefusedException($"鍵ファイルがありません / key file not found: {path}");
        var text = File.ReadAllText(path).Trim();
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < MinimumBytes)
            throw new InputRefusedException($"鍵が短すぎます（{MinimumBytes}バイト以上が必要） / key too short: at least {MinimumBytes} bytes needed in {path}");
        return new CouncilKey(bytes);
    }

    /// <summary>A key from bytes (tests, tools); the same length rule as <see cref="Load"/>.</summary>
    public static CouncilKey FromBytes(byte[] key) => key.Length >= MinimumBytes
        ? new CouncilKey((byte[])key.Clone())
        : throw new InputRefusedException($"鍵が短すぎます（{MinimumBytes}バイト以上が必要） / key too short: at least {MinimumBytes} bytes needed");

    /// <summary>受給者証番号 as compared: NFKC, no spaces or hyphens (０１２３-４５ = 012345).</summary>
    public static string NormalizeCertificate(string certificate) =>
        new(FieldParser.Normalize(certificate).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '‐' or '−' or 'ー')).ToArray());

    /// <summary>person_key: HMAC-SHA256 of the normalised certificate number, first 128 bits as lowercase hex.</summary>
    public string PersonKey(string certificate)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(NormalizeCertificate(certificate)));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
