import { Observable } from 'rxjs';
import { type RecordedEvent, type Subscription } from './port';

/** A subscription as an rxjs Observable; unsubscribing closes the store subscription. */
export function toObservable(open: () => Subscription): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    const subscription = open();
    void (async () => {
      try {
        for await (const event of subscription) {
          if (subscriber.closed) break;
          subscriber.next(event);
        }
        subscriber.complete();
      } catch (error) {
        subscriber.error(error);
      }
    })();
    return () => void subscription.close();
  });
}
