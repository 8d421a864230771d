package io.facetrain.spark;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Carries a Hadoop configuration to executors inside task closures. Hadoop's Configuration is Writable
 * but not Serializable; Spark's own wrapper is private to Spark.
 */
public final class SerializableHadoopConfiguration implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient Configuration configuration;

    public SerializableHadoopConfiguration(Configuration configuration) {
        this.configuration = configuration;
    }

    public Configuration get() {
        return configuration;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        configuration.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        configuration = new Configuration(false);
        configuration.readFields(in);
    }
}
