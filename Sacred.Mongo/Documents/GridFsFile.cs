using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using MongoDB.Bson;

namespace Sacred.Mongo.Documents;

/// <summary>
/// A file in GridFS <c>fs</c>, written by hand as pymongo's GridFS writes it (so Python Sacred finds our sources by
/// <c>filename</c> and <c>md5</c>, and Omniboard lists and streams them): <c>fs.chunks</c> documents of 255 KiB
/// (<c>files_id</c>, <c>n</c>, <c>data</c>), then the <c>fs.files</c> document (<c>length</c> int64,
/// <c>chunkSize</c>, <c>uploadDate</c>, <c>md5</c>, <c>filename</c>, and <c>contentType</c> and <c>metadata</c> when given).
/// </summary>
internal static class GridFsFile
{
    /// <summary>pymongo's default chunk size.</summary>
    public const int ChunkSize = 261120;

    /// <summary>The files collection of the <c>fs</c> bucket.</summary>
    public const string FilesCollection = "fs.files";

    /// <summary>The chunks collection of the <c>fs</c> bucket.</summary>
    public const string ChunksCollection = "fs.chunks";

    /// <summary>The writes that store <paramref name="content"/>: its chunks first, its files document last, so a reader never sees a file without its data.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="content">The bytes, read to the end.</param>
    /// <param name="fileName">The file name (a source's absolute path; <c>artifact://runs/&lt;id&gt;/&lt;name&gt;</c>).</param>
    /// <param name="contentType">The MIME type, or null for none.</param>
    /// <param name="metadata">Free-form metadata, or null for none.</param>
    /// <param name="uploadDate">The upload time.</param>
    public static IEnumerable<InsertOne> Writes(ObjectId id, Stream content, string fileName, string? contentType, BsonDocument? metadata, DateTime uploadDate)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[ChunkSize];
        long length = 0;
        var n = 0;
        while (true)
        {
            var filled = Fill(content, buffer);
            if (filled == 0)
            {
                break;
            }

            md5.AppendData(buffer, 0, filled);
            length += filled;
            yield return new InsertOne(ChunksCollection, new BsonDocument
            {
                { "_id", ObjectId.GenerateNewId() },
                { "files_id", id },
                { "n", n++ },
                { "data", new BsonBinaryData(buffer.AsSpan(0, filled).ToArray()) },
            });
            if (filled < ChunkSize)
            {
                break;
            }
        }

        var file = new BsonDocument
        {
            { "_id", id },
            { "filename", fileName },
        };
        if (contentType is not null)
        {
            file.Add("contentType", contentType);
        }

        file.Add("chunkSize", ChunkSize);
        if (metadata is not null)
        {
            file.Add("metadata", metadata);
        }

        file.Add("length", new BsonInt64(length));
        file.Add("uploadDate", BsonValues.Date(uploadDate));
        file.Add("md5", Convert.ToHexStringLower(md5.GetHashAndReset()));
        yield return new InsertOne(FilesCollection, file);
    }

    private static int Fill(Stream stream, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
