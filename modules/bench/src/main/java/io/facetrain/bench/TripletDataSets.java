package io.facetrain.bench;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.train.Minibatch;
import io.facetrain.core.train.TrainingBatches;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Builds a partition's DataSets on the executor from its {@link TripletBatch}es and the broadcast training
 * images: features in the encoder's input layout with the training augmentation, [anchors; positives;
 * negatives] rows; labels are zeros of the embedding's width (the triplet loss layer ignores them, DL4J
 * needs their shape).
 */
final class TripletDataSets implements FlatMapFunction<Iterator<TripletBatch>, DataSet> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<ShippedFaces> faces;
    private final long[] oneExampleShape;
    private final int embeddingDim;
    private final int[] pk;

    /**
     * @param faces                the training images
     * @param oneExampleShape     the network input's shape for a batch of one example
     * @param embeddingDim         width of the network output
     * @param pk                   persons per batch, images per person and single negatives of the run's sampler
     */
    TripletDataSets(Broadcast<ShippedFaces> faces, long[] oneExampleShape, int embeddingDim, int[] pk) {
        this.faces = Objects.requireNonNull(faces, "faces");
        this.oneExampleShape = oneExampleShape.clone();
        this.embeddingDim = embeddingDim;
        this.pk = pk.clone();
    }

    @Override
    public Iterator<DataSet> call(Iterator<TripletBatch> batches) {
        FaceImageSet images = faces.value().faces();
        // TrainingBatches needs a P×K sampler for online batches; only its [a;p;n] path is used here.
        PkBatchSampler onlineSampler = new PkBatchSampler(images.labels(), pk[0], pk[1], pk[2], 0);
        List<DataSet> out = new ArrayList<>();
        while (batches.hasNext()) {
            TripletBatch b = batches.next();
            Minibatch m = new TrainingBatches(images, onlineSampler, b.augmentationSeed())
                    .stacked(b.anchors(), b.positives(), b.negatives());
            long[] shape = oneExampleShape.clone();
            shape[0] = m.rows();
            out.add(new DataSet(Nd4j.create(m.inputs(), shape, 'c'), Nd4j.zeros(DataType.FLOAT, m.rows(), embeddingDim)));
        }
        return out.iterator();
    }
}
