using System.Security.Cryptography;
using P2C2R.Edge.Blobs;

namespace P2C2R.Edge.Tests;

public sealed class BlobTests
{
    private static byte[] Content(int bytes, byte fill) => Enumerable.Repeat(fill, bytes).ToArray();

    [Fact]
    public void A_digest_is_the_sha256_of_the_content_and_matches_only_it()
    {
        var content = Content(1000, 3);
        var digest = BlobDigest.Of(content);

        Assert.Equal(SHA256.HashData(content), digest);
        Assert.Equal(Convert.ToHexStringLower(digest), BlobDigest.ToHex(digest));
        Assert.True(BlobDigest.Matches(digest, content));
        content[999] = 4;
        Assert.False(BlobDigest.Matches(digest, content));
        Assert.False(BlobDigest.Matches(digest.AsSpan(0, 31), content));
    }

    [Fact]
    public void The_cache_evicts_the_least_recently_used_to_stay_within_its_bytes()
    {
        var cache = new BlobCache(250);
        var a = Content(100, 1);
        var b = Content(100, 2);
        var c = Content(100, 3);
        Assert.True(cache.Put(BlobDigest.Of(a), a));
        Assert.True(cache.Put(BlobDigest.Of(b), b));
        Assert.True(cache.TryGet(BlobDigest.Of(a), out var gotA));
        Assert.Same(a, gotA);

        Assert.True(cache.Put(BlobDigest.Of(c), c));

        Assert.True(cache.Contains(BlobDigest.Of(a)));
        Assert.False(cache.Contains(BlobDigest.Of(b)));
        Assert.True(cache.Contains(BlobDigest.Of(c)));
        Assert.Equal(200, cache.SizeBytes);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_blob_larger_than_the_cache_or_a_bad_digest_is_not_kept()
    {
        var cache = new BlobCache(100);
        var big = Content(101, 1);

        Assert.False(cache.Put(BlobDigest.Of(big), big));
        Assert.False(cache.Put(new byte[31], Content(1, 1)));
        Assert.False(cache.TryGet(new byte[31], out _));
        Assert.Equal(0, cache.SizeBytes);
    }

    [Fact]
    public void Putting_a_blob_again_replaces_it_and_removing_frees_its_bytes()
    {
        var cache = new BlobCache(1000);
        var blob = Content(100, 9);
        var digest = BlobDigest.Of(blob);
        cache.Put(digest, blob);
        cache.Put(digest, blob);
        Assert.Equal(100, cache.SizeBytes);

        Assert.True(cache.Remove(digest));
        Assert.False(cache.Remove(digest));
        Assert.Equal(0, cache.SizeBytes);
        Assert.False(cache.TryGet(digest, out _));

        cache.Put(digest, blob);
        cache.Clear();
        Assert.Equal(0, cache.Count);
    }
}
