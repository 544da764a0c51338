package dev.msw.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CancellationTokenTest {
    @Test
    void aChildIsCancelledWithItsParentButNotTheOtherWayRound() {
        CancellationToken parent = new CancellationToken();
        CancellationToken child = parent.child();
        CancellationToken sibling = parent.child();
        child.cancel();
        assertTrue(child.isCancelled());
        assertFalse(parent.isCancelled());
        assertFalse(sibling.isCancelled());
        parent.cancel();
        assertTrue(sibling.isCancelled());
        assertThrows(CancelledException.class, sibling::throwIfCancelled);
    }

    @Test
    void noneCannotBeCancelled() {
        CancellationToken.NONE.cancel();
        assertFalse(CancellationToken.NONE.isCancelled());
        CancellationToken child = CancellationToken.NONE.child();
        assertFalse(child.isCancelled());
        child.cancel();
        assertTrue(child.isCancelled());
        assertFalse(CancellationToken.NONE.isCancelled());
    }
}
