using System.Text;

namespace Gateway.Uplink.Cumulocity;

/// <summary>Cumulocity type names made from board names.</summary>
internal static class CumulocityNames
{
    /// <summary><c>c8y_</c>, the name with its first letter upper case and characters other than letters, digits, <c>_</c> and <c>-</c> as <c>_</c>, then <paramref name="suffix"/>.</summary>
    public static string Type(string name, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var text = new StringBuilder("c8y_", name.Length + suffix.Length + 4);
        foreach (var c in name)
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_';
            text.Append(text.Length == 4 ? char.ToUpperInvariant(safe) : safe);
        }

        return text.Append(suffix).ToString();
    }
}
