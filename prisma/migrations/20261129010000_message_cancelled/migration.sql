-- A campaign cancelled before its messages were handed over leaves them cancelled.
ALTER TYPE "MessageStatus" ADD VALUE 'cancelled';
