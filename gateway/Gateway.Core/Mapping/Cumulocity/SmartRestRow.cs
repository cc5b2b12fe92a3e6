using System.Collections.Immutable;
using System.Text;

namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// One SmartREST 2.0 row: the template id and its fields, as on the wire. Built for sending by
/// <see cref="UpstreamRows"/> (which enforces the template's field rules) or read from a publish by
/// <see cref="SmartRestReader"/>. Immutable.
/// </summary>
public sealed class SmartRestRow
{
    private byte[]? _utf8;

    /// <summary>A row of <paramref name="fields"/>; the first is the template id.</summary>
    /// <exception cref="ArgumentException">There is no field, or the template id is empty.</exception>
    public SmartRestRow(ImmutableArray<string> fields)
    {
        if (fields.IsDefaultOrEmpty || string.IsNullOrEmpty(fields[0]))
        {
            throw new ArgumentException("A row needs a template id as its first field.", nameof(fields));
        }

        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
        }

        Fields = fields;
        Text = SmartRestEncoding.EncodeRow(fields);
    }

    /// <summary>The template id, e.g. <c>201</c> (the first field).</summary>
    public string TemplateId => Fields[0];

    /// <summary>Every field, the template id first, unescaped.</summary>
    public ImmutableArray<string> Fields { get; }

    /// <summary>
    /// The row as sent: fields quoted where needed, embedded quotes doubled, trailing empty fields left
    /// out, no line feed at the end.
    /// </summary>
    public string Text { get; }

    /// <summary>The UTF-8 bytes of <see cref="Text"/>.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(Text);

    /// <summary>The length of <see cref="Utf8"/>: what the row adds to a publish (plus one line feed between rows).</summary>
    public int ByteCount => Utf8.Length;

    /// <summary>The field at <paramref name="index"/> (0 is the template id), or "" past the last one.</summary>
    public string FieldOrEmpty(int index) => index < Fields.Length ? Fields[index] : string.Empty;

    /// <inheritdoc />
    public override string ToString() => Text;
}
