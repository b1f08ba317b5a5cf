using System;
using System.Buffers.Binary;
using System.IO;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// The MongoDB wire protocol as far as a driver talks to a standalone server: requests arrive as OP_MSG (2013; a
/// kind 0 body and kind 1 document sequences, an optional CRC-32C trailer) or, for the first handshake, as legacy
/// OP_QUERY (2004) on <c>admin.$cmd</c>; each is answered in kind (OP_MSG, or OP_REPLY for OP_QUERY).
/// </summary>
internal sealed class WireMessage
{
    public const int OpReply = 1;
    public const int OpQuery = 2004;
    public const int OpMsg = 2013;

    private const int ChecksumPresent = 1;
    private const int MoreToCome = 2;

    private WireMessage(int requestId, int opCode, string database, BsonDocument command, bool expectsReply)
    {
        RequestId = requestId;
        OpCode = opCode;
        Database = database;
        Command = command;
        ExpectsReply = expectsReply;
    }

    public int RequestId { get; }

    public int OpCode { get; }

    public string Database { get; }

    /// <summary>The command document, with each kind 1 sequence added as an array under its identifier.</summary>
    public BsonDocument Command { get; }

    /// <summary>False when the client set <c>moreToCome</c> (an unacknowledged write): nothing is sent back.</summary>
    public bool ExpectsReply { get; }

    /// <summary>Reads the next message, or null when the client closed the connection.</summary>
    public static WireMessage? Read(Stream stream)
    {
        var header = new byte[16];
        try
        {
            stream.ReadExactly(header);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        var body = new byte[length - 16];
        stream.ReadExactly(body);
        return opCode switch
        {
            OpMsg => ParseMessage(requestId, body),
            OpQuery => ParseQuery(requestId, body),
            _ => throw new InvalidDataException($"fake server: opcode {opCode} is not supported (only OP_MSG and OP_QUERY)"),
        };
    }

    /// <summary>Writes <paramref name="reply"/> as the answer to this message.</summary>
    public void WriteReply(Stream stream, BsonDocument reply, int replyId)
    {
        var document = reply.ToBson();
        using var message = new MemoryStream();
        var writer = new BinaryWriter(message);
        writer.Write(0);
        writer.Write(replyId);
        writer.Write(RequestId);
        if (OpCode == OpQuery)
        {
            writer.Write(OpReply);
            writer.Write(0); // responseFlags
            writer.Write(0L); // cursorID
            writer.Write(0); // startingFrom
            writer.Write(1); // numberReturned
        }
        else
        {
            writer.Write(OpMsg);
            writer.Write(0); // flagBits: no checksum, nothing more to come
            writer.Write((byte)0); // section kind 0: the body
        }

        writer.Write(document);
        writer.Flush();
        var bytes = message.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length);
        stream.Write(bytes);
    }

    private static WireMessage ParseMessage(int requestId, byte[] body)
    {
        var flags = BinaryPrimitives.ReadInt32LittleEndian(body);
        var end = (flags & ChecksumPresent) != 0 ? body.Length - 4 : body.Length;
        var position = 4;
        BsonDocument? command = null;
        var sequences = new BsonDocument();
        while (position < end)
        {
            var kind = body[position++];
            if (kind == 0)
            {
                command = Document(body, ref position);
            }
            else if (kind == 1)
            {
                var sectionEnd = position + BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
                position += 4;
                var identifier = CString(body, ref position);
                var documents = new BsonArray();
                while (position < sectionEnd)
                {
                    documents.Add(Document(body, ref position));
                }

                sequences[identifier] = documents;
            }
            else
            {
                throw new InvalidDataException($"fake server: OP_MSG section kind {kind} is not supported");
            }
        }

        if (command is null)
        {
            throw new InvalidDataException("fake server: OP_MSG without a body section");
        }

        command.AddRange(sequences);
        var database = command.GetValue("$db", "admin").AsString;
        return new WireMessage(requestId, OpMsg, database, command, (flags & MoreToCome) == 0);
    }

    private static WireMessage ParseQuery(int requestId, byte[] body)
    {
        var position = 4; // flags
        var fullCollectionName = CString(body, ref position);
        position += 8; // numberToSkip, numberToReturn
        var query = Document(body, ref position);

        // A command with read preference comes wrapped: { $query: { ... }, $readPreference: ... }.
        var command = query.TryGetValue("$query", out var inner) ? inner.AsBsonDocument : query;
        var database = fullCollectionName[..fullCollectionName.IndexOf('.', StringComparison.Ordinal)];
        return new WireMessage(requestId, OpQuery, database, command, expectsReply: true);
    }

    private static BsonDocument Document(byte[] buffer, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(position));
        var document = BsonSerializer.Deserialize<BsonDocument>(buffer.AsSpan(position, length).ToArray());
        position += length;
        return document;
    }

    private static string CString(byte[] buffer, ref int position)
    {
        var end = Array.IndexOf(buffer, (byte)0, position);
        var text = System.Text.Encoding.UTF8.GetString(buffer, position, end - position);
        position = end + 1;
        return text;
    }
}
