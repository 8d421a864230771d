package io.facetrain.spark.pairs;

import io.facetrain.core.eval.LfwPairsParser;
import io.facetrain.schema.FacePair;
import io.facetrain.spark.ingest.DatasetIndex;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PairImageResolverTest {

    @Test
    void referencesResolveByPersonAndFileNumber() throws IOException {
        PairImageResolver resolver = new PairImageResolver(List.of(
                new DatasetIndex.Image("Aaron_Peirsol", "Aaron_Peirsol/Aaron_Peirsol_0001.jpg", "id-ap1"),
                new DatasetIndex.Image("Aaron_Peirsol", "Aaron_Peirsol/Aaron_Peirsol_0002.jpg", "id-ap2"),
                new DatasetIndex.Image("Aaron_Peirsol", "Aaron_Peirsol/Aaron_Peirsol_0004.jpg", "id-ap4"),
                new DatasetIndex.Image("AJ_Cook", "AJ_Cook/AJ_Cook_0001.jpg", "id-aj1"),
                new DatasetIndex.Image("Marsha_Thomason", "Marsha_Thomason/Marsha_Thomason_0001.jpg", "id-mt1"),
                new DatasetIndex.Image("Aaron_Sorkin", "Aaron_Sorkin/Aaron_Sorkin_0002.jpg", "id-as2"),
                new DatasetIndex.Image("Aaron_Sorkin", "Aaron_Sorkin/Aaron_Sorkin_2.png", "id-as2-again")));

        PairImageResolver.Resolution resolution = resolver.resolve(viewOne());

        List<FacePair> pairs = resolution.pairs();
        assertEquals("id-ap1", pairs.get(0).getLeftImageId());
        assertEquals("id-ap2", pairs.get(0).getRightImageId());
        assertNull(pairs.get(1).getLeftImageId(), "Aaron_Peirsol image 3 is not in the dataset");
        assertEquals("id-ap4", pairs.get(1).getRightImageId());
        assertEquals("id-aj1", pairs.get(2).getLeftImageId());
        assertEquals("id-mt1", pairs.get(2).getRightImageId());
        assertEquals(2, resolution.resolvedPairs());
        assertEquals(List.of("Aaron_Peirsol image 3 (fold 1): not in the dataset",
                        "Aaron_Sorkin image 2 (fold 1): the dataset has several files with this number",
                        "Frank_Solich image 5 (fold 1): not in the dataset"),
                resolution.missing().stream().map(Object::toString).toList());
    }

    @Test
    void orlStyleNumberedFilesResolve() {
        PairImageResolver resolver = new PairImageResolver(List.of(new DatasetIndex.Image("s1", "s1/10.pgm", "ten")));
        FacePair pair = FacePair.newBuilder().setFold(0).setSame(true).setLeftPersonId("s1").setLeftImageNumber(10)
                .setRightPersonId("s1").setRightImageNumber(1).setLeftImageId(null).setRightImageId(null).build();

        PairImageResolver.Resolution resolution = resolver.resolve(List.of(pair));

        assertEquals("ten", resolution.pairs().get(0).getLeftImageId());
        assertEquals(1, resolution.missing().size());
    }

    /** LFW View 1 layout: 2 same-person pairs, then 2 different-person pairs. */
    private static List<FacePair> viewOne() throws IOException {
        String text = "2\n"
                + "Aaron_Peirsol\t1\t2\n"
                + "Aaron_Peirsol\t3\t4\n"
                + "AJ_Cook\t1\tMarsha_Thomason\t1\n"
                + "Aaron_Sorkin\t2\tFrank_Solich\t5\n";
        return LfwPairsParser.parse(new BufferedReader(new StringReader(text)), "pairsDevTrain.txt").pairs();
    }
}
