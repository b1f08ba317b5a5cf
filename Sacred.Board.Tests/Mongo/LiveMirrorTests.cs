using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Mirror;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Sync;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>
/// The board over a real MongoDB server, given as <c>SACRED_TEST_MONGO=mongodb://host:27017</c> (none can be installed
/// on the build machine); skipped with one line when it is unset.
/// </summary>
public sealed class LiveMirrorTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public LiveMirrorTests(BoardHost board) => _board = board;

    [LiveMongoFact]
    public async Task Runs_inserted_into_MongoDB_show_on_the_board_and_a_tag_lands_in_omniboard_tags()
    {
        var server = Environment.GetEnvironmentVariable(LiveMongoFactAttribute.Variable)!.TrimEnd('/');
        var name = "sacred_board_test_" + Guid.NewGuid().ToString("N")[..12];
        var url = new MongoUrlBuilder(server) { DatabaseName = name }.ToMongoUrl();
        var client = new MongoClient(url);
        var folder = Path.Combine(Path.GetTempPath(), "sacred-live-mirror-" + Guid.NewGuid().ToString("N"));
        try
        {
            var target = MongoTarget.Parse(url.ToString());
            var database = MongoRunDatabase.Connect(target);
            using (var store = RunStore.Open(_board.Store.Path))
            {
                foreach (var role in new[] { "baseline", "failed" })
                {
                    var id = _board.Id(role);
                    RunReplay.Replay(store, store.GetRun(id)!, new MongoRunSession(database, target), BsonValues.Integer(id), _ => { });
                }
            }

            using var mirror = MongoMirror.Open(target, folder);
            Assert.True(mirror.Pull(), mirror.Status.Problem);
            await using var board = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = mirror.StoreDirectory, Port = 0, Mirror = mirror });
            using var http = new HttpClient { BaseAddress = board.Url };
            var page = JsonDocument.Parse(await http.GetStringAsync("/api/runs?order=asc")).RootElement;
            Assert.Equal([_board.Id("baseline"), _board.Id("failed")], page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));

            var session = JsonDocument.Parse(await http.GetStringAsync("/api/session")).RootElement;
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/runs/{_board.Id("baseline")}/tags") { Content = JsonContent.Create(new { tags = new[] { "live" } }) };
            request.Headers.Add("X-Sacred-Board", session.GetProperty("csrf").GetString());
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var run = client.GetDatabase(name).GetCollection<BsonDocument>("runs").Find(new BsonDocument("_id", _board.Id("baseline"))).Single();
            Assert.Equal(["live"], run["omniboard"]["tags"].AsBsonArray.Select(t => t.AsString));
        }
        finally
        {
            client.DropDatabase(name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
