using System.Collections.Generic;
using System.Text;

namespace Sacred.Board.Query;

/// <summary>
/// Splits a query into tokens. A word runs until a space or one of <c>( ) , = ! &lt; &gt; ~ " '</c>; a word holding
/// <c>..</c> between two values (<c>0.001..0.01</c>, <c>1h..2h</c>) is split into a range.
/// </summary>
internal static class QueryLexer
{
    public static List<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new(QueryTokenKind.Open, "(", i++, 1));
                    continue;
                case ')':
                    tokens.Add(new(QueryTokenKind.Close, ")", i++, 1));
                    continue;
                case ',':
                    tokens.Add(new(QueryTokenKind.Comma, ",", i++, 1));
                    continue;
                case '"' or '\'':
                    tokens.Add(ReadString(query, ref i));
                    continue;
                case '=' or '!' or '<' or '>' or '~':
                    tokens.Add(ReadOperator(query, ref i));
                    continue;
            }

            var start = i;
            while (i < query.Length && !IsBreak(query[i]))
            {
                i++;
            }

            AddWord(tokens, query[start..i], start);
        }

        tokens.Add(new(QueryTokenKind.End, "", query.Length, 0));
        return tokens;
    }

    private static bool IsBreak(char c) => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!' or '<' or '>' or '~' or '"' or '\'';

    private static void AddWord(List<QueryToken> tokens, string word, int start)
    {
        var range = word.IndexOf("..", System.StringComparison.Ordinal);
        if (range > 0 && range + 2 < word.Length && word.IndexOf("..", range + 2, System.StringComparison.Ordinal) < 0)
        {
            tokens.Add(new(QueryTokenKind.Word, word[..range], start, range));
            tokens.Add(new(QueryTokenKind.Range, "..", start + range, 2));
            tokens.Add(new(QueryTokenKind.Word, word[(range + 2)..], start + range + 2, word.Length - range - 2));
            return;
        }

        if (range > 0 && range + 2 == word.Length)
        {
            tokens.Add(new(QueryTokenKind.Word, word[..range], start, range));
            tokens.Add(new(QueryTokenKind.Range, "..", start + range, 2));
            return;
        }

        tokens.Add(new(QueryTokenKind.Word, word, start, word.Length));
    }

    private static QueryToken ReadOperator(string query, ref int i)
    {
        var start = i;
        var c = query[i++];
        var next = i < query.Length ? query[i] : '\0';
        string op;
        if ((c is '!' or '<' or '>' or '=') && next == '=')
        {
            op = c == '=' ? "=" : c + "=";
            i++;
        }
        else if (c == '!' && next == '~')
        {
            op = "!~";
            i++;
        }
        else if (c == '!')
        {
            throw Error("'!' must be followed by = or ~", start, 1, ["!=", "!~"]);
        }
        else
        {
            op = c.ToString();
        }

        return new(QueryTokenKind.Operator, op, start, i - start);
    }

    private static QueryToken ReadString(string query, ref int i)
    {
        var start = i;
        var quote = query[i++];
        var value = new StringBuilder();
        while (i < query.Length && query[i] != quote)
        {
            if (query[i] == '\\' && i + 1 < query.Length)
            {
                i++;
            }

            value.Append(query[i++]);
        }

        if (i >= query.Length)
        {
            throw Error($"The text starting at {start + 1} has no closing {quote}", start, query.Length - start, [quote.ToString()]);
        }

        i++;
        return new(QueryTokenKind.Text, value.ToString(), start, i - start);
    }

    private static QueryException Error(string message, int position, int length, IReadOnlyList<string> expected) =>
        new(new QueryError(message, position, length, expected));
}
