package com.centralstation.verification.archfixture.app.web;

import org.h2.mvstore.MVStore;

/** Wrong: a web class reaching into H2's file store instead of asking the storage package. */
public class DatabaseFileSize {

    public long bytes(MVStore store) {
        return store.getFileStore().size();
    }
}
