using System.Text;
using System.Xml;

namespace Timeline.Api.Features.Common;

/// <summary>Text bound for an XML document (the Atom feed, the scorecard SVG).</summary>
public static class XmlCharacters
{
    /// <summary>
    /// Drops the characters XML 1.0 cannot carry (most control characters, U+FFFE/U+FFFF): an editor's stray
    /// control character must not take the whole feed down.
    /// </summary>
    public static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i++, 2);
                continue;
            }

            if (XmlConvert.IsXmlChar(text[i]))
                builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
