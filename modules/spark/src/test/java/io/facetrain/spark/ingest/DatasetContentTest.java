package io.facetrain.spark.ingest;

import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetContentTest {

    @Test
    void duplicatesKeepTheFirstCopyByPathAcrossPersons() {
        List<FileAnalysis> verdicts = List.of(
                image("Zoe/Zoe_0001.jpg", "same"),
                image("Adam/Adam_0002.jpg", "same"),
                image("Adam/Adam_0001.jpg", "other"),
                image("Adam/Adam_0003.jpg", "same"));

        DatasetContent content = DatasetContent.plan(verdicts, 3);

        assertEquals(2, content.images());
        assertEquals(List.of("Adam/Adam_0001.jpg", "Adam/Adam_0002.jpg"), acceptedPaths(content));
        assertEquals(2, content.rejects().size());
        RejectDecision second = content.rejects().get(0);
        assertEquals("Adam/Adam_0003.jpg", second.path());
        assertEquals(RejectReason.DUPLICATE, second.reason());
        assertEquals("Adam/Adam_0002.jpg", second.duplicateOf());
        assertEquals("Adam", second.personId());
        RejectDecision acrossPersons = content.rejects().get(1);
        assertEquals("Zoe/Zoe_0001.jpg", acrossPersons.path());
        assertEquals("Adam/Adam_0002.jpg", acrossPersons.duplicateOf());
        assertTrue(acrossPersons.message().contains("Adam/Adam_0002.jpg"), acrossPersons.message());
    }

    @Test
    void everyPersonLivesInExactlyOneShard() {
        List<FileAnalysis> verdicts = new ArrayList<>();
        for (int person = 0; person < 200; person++) {
            for (int image = 1; image <= 1 + person % 4; image++) {
                String path = "p" + person + "/p" + person + "_" + image + ".png";
                verdicts.add(image(path, path));
            }
        }

        DatasetContent content = DatasetContent.plan(verdicts, 7);

        Map<String, Integer> shardOfPerson = new HashMap<>();
        for (Map.Entry<Integer, List<ShardEntry>> shard : content.byShard().entrySet()) {
            for (ShardEntry entry : shard.getValue()) {
                Integer earlier = shardOfPerson.putIfAbsent(entry.personId(), shard.getKey());
                assertTrue(earlier == null || earlier.equals(shard.getKey()), entry.personId() + " split across shards");
                assertEquals(ShardAssigner.shardOf(entry.personId(), 7), shard.getKey());
                assertEquals(shard.getKey(), entry.shard());
            }
        }
        assertEquals(200, shardOfPerson.size());
        assertEquals(7, content.byShard().size());
        content.byShard().values().forEach(entries -> assertTrue(!entries.isEmpty(), "an empty shard among 200 persons"));
    }

    @Test
    void entriesAreSortedByPersonThenPath() {
        DatasetContent content = DatasetContent.plan(List.of(image("b/2.png", "1"), image("a/9.png", "2"),
                image("b/10.png", "3"), image("a/1.png", "4")), 1);

        assertEquals(List.of("a/1.png", "a/9.png", "b/10.png", "b/2.png"), acceptedPaths(content));
    }

    @Test
    void theSameVerdictsInAnyOrderGiveTheSameDataset() {
        List<FileAnalysis> verdicts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            verdicts.add(image("person" + i % 9 + "/img" + i + ".jpg", "id" + i % 41));
        }
        verdicts.add(rejected("person1/broken.jpg", RejectReason.TRUNCATED));
        DatasetContent reference = DatasetContent.plan(verdicts, 4);
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            List<FileAnalysis> shuffled = new ArrayList<>(verdicts);
            Collections.shuffle(shuffled, random);
            assertEquals(reference, DatasetContent.plan(shuffled, 4));
        }
    }

    @Test
    void rejectsOutsidePersonFoldersHaveNoPerson() {
        InputFile root = InputFile.of("face.jpg", 10, 1);
        InputFile nested = InputFile.of("Adam/extra/face.jpg", 10, 1);
        DatasetContent content = DatasetContent.plan(List.of(
                FileAnalysis.rejected(root, RejectReason.MISPLACED, "root"),
                FileAnalyzer.judgeByPath(nested),
                rejected("Adam/empty.jpg", RejectReason.EMPTY_FILE),
                FileAnalysis.skipped(InputFile.of("README.txt", 5, 1), "readme")), 2);

        assertEquals(List.of("Adam/empty.jpg", "Adam/extra/face.jpg", "face.jpg"),
                content.rejects().stream().map(RejectDecision::path).toList());
        assertEquals("Adam", content.rejects().get(0).personId());
        assertNull(content.rejects().get(1).personId());
        assertNull(content.rejects().get(2).personId());
        assertEquals(RejectReason.MISPLACED, content.rejects().get(1).reason());
        assertEquals(1, content.skipped().size());
        assertEquals(0, content.images());
    }

    static FileAnalysis image(String path, String id) {
        return FileAnalysis.image(InputFile.of(path, 100 + path.length(), 1_000), id, ImageFormat.PNG, 40, 40, 3);
    }

    static FileAnalysis rejected(String path, RejectReason reason) {
        return FileAnalysis.rejected(InputFile.of(path, 10, 1_000), reason, path + ": " + reason);
    }

    private static List<String> acceptedPaths(DatasetContent content) {
        return content.byShard().values().stream().flatMap(List::stream).map(ShardEntry::path).toList();
    }
}
