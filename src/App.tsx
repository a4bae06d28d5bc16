import { useState } from 'react';
import { emptyReport } from './report';
import { Wizard } from './wizard/Wizard';
import { ReportStore } from './wizard/store';

// Until storage is wired in, the report lives in memory only.
export function App() {
  const [store] = useState(() => new ReportStore(emptyReport()));
  return <Wizard store={store} />;
}
