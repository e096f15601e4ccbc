/** Service registry over gossip: node metadata, service instances, weights, the local registration. */
export { NodeMeta, ServiceInfo, ServiceType, MetaValue, encodeNodeMeta, decodeNodeMeta } from './node-meta';
export { MetaFormat, MetaKind, META_FORMATS, readNodeMeta, encodeMeta, describeMeta } from './meta-generations';
export { RegistryError, RegistryErrorCodes, RegistryErrorCode, NodeMetaTooLargeError } from './registry-errors';
export { RegistryInstance, InstanceState, InstanceNode, registeredName, plainServiceName, baseUrlOf } from './registry-instance';
export {
  ServiceRegistry,
  ServiceRegistryOptions,
  ServiceRegistryStats,
  ServiceRegistryEvents,
  RegistryChange,
  MembershipSource,
} from './service-registry';
export { formatUptime, registryView } from './registry-view';
export { NodeWeigher, NodeWeigherOptions, dynamicWeight, effectiveWeight, osCpuIdleSampler } from './node-weight';
export { LocalRegistration, LocalRegistrationOptions, LocalServiceOptions, MetaPublisher } from './local-registration';
