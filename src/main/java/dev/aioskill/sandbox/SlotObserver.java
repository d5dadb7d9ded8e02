package dev.aioskill.sandbox;

/**
 * Sees the host uid of each run: when its process has started, and once the sandbox has confirmed
 * no process of the run is left, while the run still holds the uid (so no other run, in this JVM
 * or another, can be using it). The hostile tests use it to check the host from outside.
 */
interface SlotObserver {

    SlotObserver NONE = new SlotObserver() {};

    default void started(int uid) {}

    default void finished(int uid) {}
}
