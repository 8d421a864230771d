package io.facetrain.spark.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonAssignmentTest {

    /** Persons of 1..9 images, 40 of them: 200 images. */
    private static List<PersonImages> persons() {
        List<PersonImages> persons = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            persons.add(new PersonImages(String.format("p%02d", p), 1 + (p * 7) % 9));
        }
        return persons;
    }

    @Test
    void everyPersonGoesToExactlyOneWorkerAndWorkersGetAboutTheSameImages() {
        List<PersonImages> persons = persons();
        PersonAssignment a = PersonAssignment.balance(persons, 3, 5);
        int[] images = new int[3];
        int[] count = new int[3];
        for (PersonImages p : persons) {
            int w = a.workerOf(p.personId());
            assertTrue(w >= 0 && w < 3, p.personId());
            images[w] += p.images();
            count[w]++;
        }
        int total = persons.stream().mapToInt(PersonImages::images).sum();
        assertEquals(total, a.totalImages());
        for (int w = 0; w < 3; w++) {
            assertEquals(images[w], a.images(w));
            assertEquals(count[w], a.persons(w));
            // Largest-first greedy: no worker is more than one largest person (9 images) above the mean.
            assertTrue(Math.abs(images[w] - total / 3.0) <= 9, "worker " + w + " has " + images[w] + " of " + total);
        }
        assertEquals(-1, a.workerOf("somebody-else"));
    }

    @Test
    void theAssignmentDependsOnlyOnThePersonsAndTheSeed() {
        List<PersonImages> persons = persons();
        List<PersonImages> reversed = new ArrayList<>(persons);
        java.util.Collections.reverse(reversed);
        PersonAssignment a = PersonAssignment.balance(persons, 4, 11);
        PersonAssignment b = PersonAssignment.balance(reversed, 4, 11);
        PersonAssignment c = PersonAssignment.balance(persons, 4, 12);
        int differentSeedMoves = 0;
        for (PersonImages p : persons) {
            assertEquals(a.workerOf(p.personId()), b.workerOf(p.personId()), p.personId());
            differentSeedMoves += a.workerOf(p.personId()) == c.workerOf(p.personId()) ? 0 : 1;
        }
        assertNotEquals(0, differentSeedMoves, "another seed breaks ties differently");
    }

    @Test
    void moreWorkersThanPersonsIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PersonAssignment.balance(persons().subList(0, 5), 6, 1));
        assertTrue(e.getMessage().contains("facetrain.distributed.workers=6") && e.getMessage().contains("5 training"),
                e.getMessage());
    }

    @Test
    void aWorkerThatCouldNotFormATripletIsRefused() {
        List<PersonImages> persons = List.of(new PersonImages("a", 5), new PersonImages("b", 5),
                new PersonImages("c", 4), new PersonImages("d", 1), new PersonImages("e", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PersonAssignment.balance(persons, 2, 1));
        assertTrue(e.getMessage().contains("facetrain.distributed.workers=2") && e.getMessage().contains("at least 2"),
                e.getMessage());
        assertEquals(1, PersonAssignment.balance(persons, 1, 1).workers());
    }

    @Test
    void workersMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> PersonAssignment.balance(persons(), 0, 1));
    }
}
