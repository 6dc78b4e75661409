import { describeBusContract } from './bus-contract';
import { EmbeddedBus } from './embedded-bus';

describeBusContract('embedded', async () => new EmbeddedBus());
